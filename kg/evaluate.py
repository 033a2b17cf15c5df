"""Placeholder: this module's command is being written."""


def register(sub):
    pass
