#!/usr/bin/env python3
"""The Python peer for the renewal benchmark: what aws-mfa 0.0.12 does, with Debian's python3-boto3 (PyPI is
not reachable here). Reads ~/.aws/credentials with configparser, calls STS GetSessionToken with the long-term
keys of SOURCE and the MFA code, then writes the session into [TARGET] and rewrites the file (as aws-mfa does,
through configparser: comments are lost, which our tool does not do).

usage: boto3_mfa.py SOURCE TARGET MFA_SERIAL CODE ENDPOINT
"""
import configparser
import os
import sys

import boto3

source, target, serial, code, endpoint = sys.argv[1:6]
path = os.path.expanduser("~/.aws/credentials")
config = configparser.RawConfigParser()
config.read(path)
sts = boto3.client("sts", aws_access_key_id=config.get(source, "aws_access_key_id"),
                   aws_secret_access_key=config.get(source, "aws_secret_access_key"),
                   region_name="us-east-1", endpoint_url=endpoint)
creds = sts.get_session_token(DurationSeconds=43200, SerialNumber=serial, TokenCode=code)["Credentials"]
if not config.has_section(target):
    config.add_section(target)
config.set(target, "assumed_role", "False")
config.set(target, "aws_access_key_id", creds["AccessKeyId"])
config.set(target, "aws_secret_access_key", creds["SecretAccessKey"])
config.set(target, "aws_session_token", creds["SessionToken"])
config.set(target, "aws_security_token", creds["SessionToken"])
config.set(target, "expiration", creds["Expiration"].strftime("%Y-%m-%d %H:%M:%S"))
with open(path, "w") as f:
    config.write(f)
print(f"Success! Your credentials will expire in 43200 seconds at: {creds['Expiration']}")
