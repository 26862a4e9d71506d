"""Direct quotes and who said them, found in plain text with exact character spans."""
