"""Demo content for the news app (events): placeholder until it lands."""


def load():
    return 0
