"""One piece of work in a forked copy of this process, beside this one.

``Beside(job)`` starts ``job(receive)`` in a child made with ``os.fork``:
the child shares everything this process had loaded (the content, compiled
templates) without copying or pickling it, and sends back only ``job``'s
result, pickled, through a pipe. ``receive()``, in the child, waits for the
one value this process sends later with ``send``. Where ``os.fork`` does
not exist (Windows), or another thread runs (``available``), ``job`` runs
here, when its result is asked for. Used
by the generate step (``generate.py``) to make a site's open data and
search index while this process makes its pages, and by the published
MkDocs build of a large site, one process per share of its pages
(``engines/mkdocs``); README "Figures" gives what each buys.

    with Beside(job) as other:
        ...                      # this process's share
        other.send(value)        # what job's receive() returns
        ...
        result = other.result()  # waits; an exception in the child is raised here

Leaving the block without asking for the result (an exception here) stops
the child and reaps it: no process outlives the build.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class ChildFailed(RuntimeError):
    """The child's job raised: its traceback is the message."""


def available() -> bool:
    """Whether work can be forked: ``os.fork`` exists, and this process runs
    no other thread, which might hold a lock (an import's, a stream's) that
    the child would then wait for forever."""
    return hasattr(os, "fork") and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_NOTHING = object()


class Beside(Generic[T]):
    def __init__(self, job: Callable[[Callable[[], object]], T]):
        self._job = job
        self.child: int | None = None  # the forked process's id (None without fork)
        self._pid: int | None = None  # while it is not reaped
        self._read: int | None = None  # the child's result comes through this
        self._send: int | None = None  # what ``send`` sends goes through this
        self._sent: object = _NOTHING
        self._done = False
        self._value: T | None = None

    def __enter__(self) -> "Beside[T]":
        if not available():  # the job runs here, when its result is asked for
            return self
        for stream in (sys.stdout, sys.stderr):  # the child must not write our buffers again
            stream.flush()
        read, write = os.pipe()
        inbox, send = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, send, and leave without running any of the parent's exit code
            os.close(read)
            os.close(send)
            try:
                try:
                    payload = pickle.dumps((True, self._job(lambda: _receive(inbox))),
                                           protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 - every failure goes to the parent
                    payload = pickle.dumps((False, traceback.format_exc()))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write)
        os.close(inbox)
        self._pid, self._read, self._send = pid, read, send
        self.child = pid
        return self

    def send(self, value: object) -> None:
        """Give the child's ``receive()`` this value (once)."""
        self._sent = value
        if self._send is not None:
            fd, self._send = self._send, None
            try:
                with os.fdopen(fd, "wb") as pipe:
                    pipe.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            except BrokenPipeError:  # the child ended without reading it: result() says how
                pass

    def result(self) -> T:
        """The job's result, once the child has finished."""
        if not self._done and self._pid is None:  # no fork: the job runs here, now
            self._value, self._done = self._job(self._received), True
        if not self._done:
            if self._send is not None:  # nothing was sent: the child's receive() fails instead of waiting
                os.close(self._send)
                self._send = None
            with os.fdopen(self._read, "rb") as pipe:
                payload = pipe.read()
            self._read = None
            os.waitpid(self._pid, 0)
            self._pid = None
            if not payload:
                raise ChildFailed("the forked process ended without a result")
            ok, value = pickle.loads(payload)
            if not ok:
                raise ChildFailed(value)
            self._value, self._done = value, True
        return self._value

    def _received(self) -> object:
        if self._sent is _NOTHING:
            raise RuntimeError("the job asked for a value that was never sent")
        return self._sent

    def __exit__(self, *exc) -> None:
        if self._pid is not None:  # left without the result: stop the child
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        for fd in (self._read, self._send):
            if fd is not None:
                os.close(fd)
        self._read = self._send = None


def _receive(inbox: int) -> object:
    with os.fdopen(inbox, "rb") as pipe:
        payload = pipe.read()
    if not payload:
        raise ChildFailed("the parent sent nothing")
    return pickle.loads(payload)
