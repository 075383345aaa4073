"""The board of the association on a given day, for the governance page.

`board_context(request)` is spread into the context of the page that includes
templates/partners/includes/board.html. Two queries, whatever the number of seats.
"""

import datetime
import re

from django.utils.translation import gettext as _

from partners.models import LONG_DATE_FORMATS, BoardSeat
from symbiosis import dates
from symbiosis.bilingual import active_language

# The oldest date we accept: the symbiosis' first exchange (the Tissø pipeline, 1961).
EARLIEST = datetime.date(1961, 1, 1)
# How many earlier boards are linked, newest first.
EARLIER_BOARDS = 10
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
OFFICE_RANK = {
    BoardSeat.Office.CHAIR: 0,
    BoardSeat.Office.VICE_CHAIR: 1,
    BoardSeat.Office.MEMBER: 2,
}


def a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def parse_board_date(raw, today):
    """(date, problem): the date asked for, or today and a message for the visitor."""
    if not raw:
        return today, ""
    day = None
    if ISO_DATE.fullmatch(raw):
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            day = None
    if day is None:
        return today, _(
            "The date could not be read (write it as year-month-day, e.g. 2020-01-31). "
            "Here is today's board instead."
        )
    if day < EARLIEST:
        return today, _(
            "We have no board to show before 1961, when the first exchange in Kalundborg "
            "began. Here is today's board instead."
        )
    if day > a_year_after(today):
        return today, _(
            "We cannot show the board more than a year ahead. Here is today's board instead."
        )
    return day, ""


def board_changes(seats, today):
    """The days the board changed (a seat began, or the day after one ended), up to today."""
    days = set()
    for started, ended in seats:
        days.add(started)
        if ended is not None:
            days.add(ended + datetime.timedelta(days=1))
    return sorted((day for day in days if day <= today), reverse=True)


def board_context(request, *, today=None):
    """The board on `?date=YYYY-MM-DD` (default: today in Copenhagen), for a template.

    Returns board_date, board (chair, vice-chair, then members by organisation),
    heads_of_secretariat, is_today, problem (a message when the date was not usable),
    earlier_boards (days an earlier board began, newest first: (day, is_shown) pairs),
    board_today_url and board_date_format.
    """
    today = today or dates.today()
    board_date, problem = parse_board_date(request.GET.get("date", ""), today)

    seats = list(
        BoardSeat.objects.published().on(board_date).select_related("person", "partner").order_by()
    )
    board = sorted(
        (seat for seat in seats if seat.is_board_member),
        key=lambda s: (OFFICE_RANK[s.office], s.order, s.partner.name, s.name),
    )
    heads = sorted(
        (seat for seat in seats if not seat.is_board_member),
        key=lambda s: (s.order, s.started, s.name),
    )

    changes = board_changes(
        BoardSeat.objects.published().board().order_by().values_list("started", "ended").distinct(),
        today,
    )
    # changes[0] began today's board; the ones before it began the earlier boards. The
    # one shown (the latest change on or before the date asked for) is marked.
    shown = next((day for day in changes if day <= board_date), None)
    earlier = [(day, day == shown) for day in changes[1 : EARLIER_BOARDS + 1]]

    return {
        "board_date": board_date,
        "board": board,
        "heads_of_secretariat": heads,
        "is_today": board_date == today,
        "problem": problem,
        "earlier_boards": earlier,
        "board_today_url": request.path,
        "board_min_date": EARLIEST,
        "board_max_date": a_year_after(today),
        "board_date_format": LONG_DATE_FORMATS.get(active_language(), LONG_DATE_FORMATS["en"]),
    }
