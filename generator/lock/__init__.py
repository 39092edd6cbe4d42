"""The members' lock: keys from the passphrase, fragments packed and sealed for the browser to open, new passphrases."""
