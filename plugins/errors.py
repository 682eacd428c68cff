"""Errors a visitor caused are answered as theirs (400), clearly, in every format.

- an error answered to a CSV request is one line of plain text, "error: …";
- a query cut off by the time limit answers 400 in CSV too (Datasette answers it with a 500 there), and a CSV
  stream cut off midway ends with one line saying so, not with the query and its parameters;
- a query that fails answers 400 in CSV too, with its error (Datasette sends an empty CSV with 200);
- a table sorted by a column it does not have answers 400 (Datasette: 500);
- memory SQLite cannot get (the heap limit of plugins/limits.py) answers 413 and the server goes on.
"""
from __future__ import annotations

import datasette.database
import datasette.views.database
from datasette import Response, hookimpl
from datasette.handle_exception import handle_exception as answer_error
from datasette.utils.asgi import Base400
from datasette.views.base import DatasetteError

INTERRUPTED = "the query took longer than the time limit and was interrupted: ask for less, or narrow it down"
VISITORS_OWN = ("Cannot sort table by", "Cannot use _sort and _sort_desc")  # Datasette's 500s for bad parameters


def interrupted_message(self) -> str:
    return f"error: {INTERRUPTED}"


# str() of the exception is what Datasette writes into a CSV stream cut off midway.
datasette.database.QueryInterrupted.__str__ = interrupted_message


def as_visitors_error(exception: BaseException) -> DatasetteError | None:
    """The error to answer instead of Datasette's, or None to leave it to Datasette."""
    if isinstance(exception, datasette.database.QueryInterrupted):
        return DatasetteError(INTERRUPTED, title="SQL Interrupted", status=400)
    if isinstance(exception, MemoryError):
        return DatasetteError("the query needs more memory than this server gives it: ask for less",
                              title="Too large", status=413)
    if isinstance(exception, DatasetteError) and exception.status == 500 and str(exception.message).startswith(VISITORS_OWN):
        return DatasetteError(exception.message, title="Bad request", status=400)
    return None


def as_csv_error(error: BaseException) -> Response | None:
    """An error answered to a CSV request as one line of plain text, not as an HTML page."""
    if isinstance(error, Base400):
        status, message = error.status, str(error.args[0] if error.args else "")
    elif isinstance(error, DatasetteError) and not error.message_is_html:
        status, message = error.status, str(error.message)
    else:
        return None
    return Response.text(f"error: {message}\n", status=status)


@hookimpl
def handle_exception(datasette, request, exception):
    error = as_visitors_error(exception) or exception
    if request is not None and request.path.endswith(".csv"):
        answer = as_csv_error(error)
        if answer is not None:
            return answer
    if error is exception:
        return None
    return answer_error(datasette=datasette, request=request, exception=error)


_datasette_query_data = getattr(datasette.views.database.QueryView, "_archive_original",
                                datasette.views.database.QueryView.data)


async def query_data(self, request, *args, **kwargs):
    """QueryView.data, which raises the query's error for CSV, where Datasette would stream an empty file."""
    answer = await _datasette_query_data(self, request, *args, **kwargs)
    if request.url_vars.get("format") == "csv" and isinstance(answer, tuple) and answer[-1] == 400:
        raise DatasetteError(answer[0].get("error") or "invalid SQL", title="Invalid SQL", status=400)
    return answer


datasette.views.database.QueryView._archive_original = _datasette_query_data
datasette.views.database.QueryView.data = query_data
