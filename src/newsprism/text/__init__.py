"""What several analyses share: normalisation with offset maps, sentences, quoted spans,
the word lists, key terms and the spaCy loader. Imports only ``model`` and ``errors``."""
