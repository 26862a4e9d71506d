"""Entities: named-entity mentions (spaCy NER, offline) and people, organisations and
places resolved across the batch with their spelling variants and roles."""
