"""The number of database queries a request took, in the X-Queries response header."""

from contextlib import ExitStack

from django.db import connections

HEADER = "X-Queries"


def count_queries(get_response):
    def middleware(request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counted))
            response = get_response(request)
        response[HEADER] = str(count)  # a streamed body's queries come later and are not counted
        return response

    return middleware
