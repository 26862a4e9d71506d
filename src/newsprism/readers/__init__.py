"""Readers: one per input format (files, folders, stdin, JSON Lines, WARC), each turning
its input into ``RawDocument`` records or coded ``InputError`` records, never exceptions."""
