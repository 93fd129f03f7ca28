"""The local web page and JSON API of ``optiproof serve``: reading, solving and checking run as
jobs of the worker pool (off the event loop, each under a time and a memory limit), results come
from and go to the result cache, and the pages reuse the reports' HTML."""
