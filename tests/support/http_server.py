#!/usr/bin/env python3
# support/http_server.py - a local HTTP server for the input tests (python3 standard library only)
#
# Listens on 127.0.0.1, on the port given as the first argument or on a free one (0), and prints
# "PORT PID" on one line once it accepts connections. It exits on SIGTERM, and by itself when the
# process that started it goes away, so a crashed test leaves nothing behind.
import http.server
import os
import signal
import socketserver
import sys
import threading
import time

PAGE = (b"<!DOCTYPE html>\n<html><head><title>Local page</title></head>\n"
        b"<body><p>Hello from the test server.</p></body></html>\n")
CP1252_PAGE = ("<html><body><p>Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve</p></body></html>"
               .encode("cp1252"))
LATIN1_META_PAGE = ('<html><head><meta charset="iso-8859-1"><title>x</title></head>'
                    '<body><p>Gr\u00fc\u00dfe \u2019s</p></body></html>').encode("cp1252")
BIG_SIZE = 256 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep the test output clean
        pass

    def send_body(self, status, content_type, body, extra_headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/page":
            self.send_body(200, "text/html; charset=utf-8", PAGE)
        elif path == "/text":
            self.send_body(200, "text/plain", "Plain text \u2013 from the server.\r\n".encode())
        elif path == "/cp1252":
            self.send_body(200, 'text/html; charset="windows-1252"', CP1252_PAGE)
        elif path == "/latin1-meta":
            self.send_body(200, "text/html", LATIN1_META_PAGE)
        elif path.startswith("/redirect/"):
            # /redirect/N answers with a redirect to /redirect/N-1; /redirect/0 to the page.
            remaining = int(path.rsplit("/", 1)[1])
            self.redirect("/page" if remaining <= 0 else "/redirect/%d" % (remaining - 1))
        elif path.startswith("/loop/"):
            # /loop/a -> /loop/b -> /loop/a ... forever
            self.redirect("/loop/b" if path.endswith("a") else "/loop/a")
        elif path == "/to-ftp":
            self.redirect("ftp://127.0.0.1/file.txt")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/big":
            self.send_body(200, "text/plain", b"a" * BIG_SIZE)
        elif path == "/big-unannounced":
            # No Content-Length, so only the client's own byte count can stop it.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"b" * 8192
            try:
                for _ in range(BIG_SIZE // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(5)
            self.send_body(200, "text/plain", b"too late")
        elif path == "/empty":
            self.send_body(200, "text/html", b"")
        elif path == "/png":
            self.send_body(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
        elif path == "/error":
            self.send_body(500, "text/plain", b"broken")
        else:
            self.send_body(404, "text/plain", b"no such page")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True  # a sleeping /slow handler must not keep the process alive
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass  # a client that hung up on /slow or /big is what those tests do


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), Handler)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    print(server.server_address[1], os.getpid(), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
