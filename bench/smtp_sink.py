"""An SMTP server for the benchmarks that accepts every message and keeps only whom it was for and when.

The tests talk to aiosmtpd, a real server; here it would cost about 0.8 ms of CPU a message, half as much as
the consumer's own work, on the two cores being measured, where a production mail server is on another
machine. This one answers each command with its fixed reply, about a tenth of that. It is no mail server:
no checks, no TLS, no AUTH, the message bodies are dropped.
"""
import asyncio
import threading
import time

REPLIES = {
    b"EHLO": b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n", b"HELO": b"250 sink\r\n", b"MAIL": b"250 2.1.0 OK\r\n",
    b"RCPT": b"250 2.1.5 OK\r\n", b"DATA": b"354 End data with <CR><LF>.<CR><LF>\r\n", b"RSET": b"250 2.0.0 OK\r\n",
    b"NOOP": b"250 2.0.0 OK\r\n", b"QUIT": b"221 2.0.0 Bye\r\n",
}


class Sink:
    """Listens on 127.0.0.1:``port`` in a thread of its own; ``count``, ``recipients`` (one entry a recipient of
    each message), ``first`` and ``last`` (perf_counter of the first and the last message) say what came."""

    def __init__(self, port):
        self.port, self.count, self.recipients, self.first, self.last = port, 0, [], None, None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def start(self):
        self._thread.start()
        asyncio.run_coroutine_threadsafe(
            self._loop.create_server(lambda: _Session(self), "127.0.0.1", self.port), self._loop).result(10)

    def stop(self):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def received(self, recipients):
        self.last = time.perf_counter()
        self.first = self.first or self.last
        self.recipients.extend(recipients)
        self.count += 1


class _Session(asyncio.Protocol):
    def __init__(self, sink):
        self.sink, self.buffer, self.in_data, self.recipients = sink, b"", False, []

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while self.buffer:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.buffer, self.in_data = self.buffer[end + 5:], False
                self.sink.received(self.recipients)
                self.recipients = []
                self.transport.write(b"250 2.0.0 Message accepted\r\n")
                continue
            line, found, rest = self.buffer.partition(b"\r\n")
            if not found:
                return
            self.buffer = rest
            self._command(line)

    def _command(self, line):
        verb = line[:4].upper()
        if verb == b"RCPT":
            self.recipients.append(line[line.index(b"<") + 1:line.index(b">")].decode())
        elif verb == b"RSET":
            self.recipients = []
        elif verb == b"DATA":
            self.in_data, self.buffer = True, b"\r\n" + self.buffer  # (the line before the body ends in CRLF)
        self.transport.write(REPLIES.get(verb, b"500 5.5.2 Command unrecognized\r\n"))
        if verb == b"QUIT":
            self.transport.close()
