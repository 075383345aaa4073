"""Demo content for the news app (press): placeholder until it lands."""


def load():
    return 0
