#!/usr/bin/env python3
"""A minimal loopback STS for the benchmark: answers GetSessionToken (and AssumeRole) with the real
Query-protocol XML, accepts any 6-digit TokenCode any number of times, checks no signature.
Both sides of a comparison (aws-mfa-agent and the AWS CLI) talk to this same process.

usage: sts_stub.py PORTFILE   (binds 127.0.0.1 on a free port and writes the port to PORTFILE)
"""
import base64
import re
import secrets
import sys
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

NS = "https://sts.amazonaws.com/doc/2011-06-15/"


def b64(n):
    # Like real secrets and tokens: base64 (never a leading "-", which a command line would take for an option)
    return base64.b64encode(secrets.token_bytes(n)).decode()


def creds(duration):
    exp = (datetime.now(timezone.utc) + timedelta(seconds=duration)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ("<Credentials><AccessKeyId>ASIA%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey>"
            "<SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>"
            % (secrets.token_hex(8).upper(), b64(30), "IQoJb3JpZ2luX2VjE" + b64(300), exp))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.end_headers()
        self.wfile.write(data)

    def error(self, code, message):
        self.reply(403 if code == "AccessDenied" else 400,
                   "<ErrorResponse xmlns=\"%s\"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message>"
                   "</Error><RequestId>0</RequestId></ErrorResponse>" % (NS, code, message))

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        action = form.get("Action")
        duration = int(form.get("DurationSeconds", "43200"))
        if "TokenCode" in form and not re.fullmatch(r"\d{6}", form["TokenCode"]):
            return self.error("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")
        if action == "GetSessionToken":
            result = creds(duration)
        elif action == "AssumeRole":
            result = creds(int(form.get("DurationSeconds", "3600"))) + (
                "<AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>%s</Arn></AssumedRoleUser>"
                % form.get("RoleArn", ""))
        else:
            return self.error("InvalidAction", "Could not find operation %s" % action)
        self.reply(200, "<%sResponse xmlns=\"%s\"><%sResult>%s</%sResult><ResponseMetadata><RequestId>0"
                        "</RequestId></ResponseMetadata></%sResponse>" % (action, NS, action, result, action, action))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
