"""Demo content for the news app (articles): placeholder until it lands."""


def load():
    return 0
