"""Forms shared by the apps' public pages."""

from django import forms


class QueryFilterForm(forms.Form):
    """Filters from the query string. Anyone can type anything there: invalid values
    are dropped (`values`), the page says why (`problems`), and nothing raises."""

    @property
    def values(self):
        """The valid filters only, e.g. {'category': 'water', 'year': 1990}."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.fields
            if name not in self.errors and data.get(name) not in (None, "")
        }

    @property
    def problems(self):
        """Messages about dropped values, for the page to show."""
        self.is_valid()
        return [message for errors in self.errors.values() for message in errors]
