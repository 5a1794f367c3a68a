#!/usr/bin/env python3
"""Writes a throw-away HOME with ~/.aws/config and ~/.aws/credentials for the benchmark.

N managed profiles in the standard layout (README layout b): profile devNN has source_profile userNN and
mfa_serial arn:aws:iam::123456789012:mfa/userNN; credentials [userNN] holds long-term keys and [devNN] a
session that ends HOURS hours from now, so a resident agent has nothing to do but wait.
Each profile has its own source and device, so renewing dev01 renews one profile (one code, one write),
exactly what the manual path (get-session-token + three configure set) does.

usage: fixtures.py HOME [N=20] [HOURS=6]
"""
import os
import sys
from datetime import datetime, timedelta, timezone

home = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
hours = float(sys.argv[3]) if len(sys.argv) > 3 else 6.0
aws = os.path.join(home, ".aws")
os.makedirs(aws, mode=0o700, exist_ok=True)
expires = (datetime.now(timezone.utc) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")

config, creds = [], []
config.append("[default]\nregion = us-east-1\noutput = json\n")
for i in range(1, n + 1):
    user, dev = f"user{i:02d}", f"dev{i:02d}"
    config.append(f"[profile {user}]\nregion = us-east-1\n")
    config.append(f"[profile {dev}]\nsource_profile = {user}\n"
                  f"mfa_serial = arn:aws:iam::123456789012:mfa/{user}\nduration_seconds = 43200\n")
    creds.append(f"[{user}]\naws_access_key_id = AKIAEXAMPLE{i:09d}\n"
                 f"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY{i:02d}\n")
    creds.append(f"[{dev}]\naws_access_key_id = ASIAEXAMPLE{i:09d}\n"
                 f"aws_secret_access_key = sessionSecretEXAMPLE{i:02d}xxxxxxxxxxxxxxxxxxxx\n"
                 f"aws_session_token = {'FwoGZXIvYXdzEXAMPLE' * 20}{i:02d}\n"
                 f"aws_session_expiration = {expires}\n")

# Not the first run: the one-time start-at-login question (FirstRunOffer) was answered "no" already, as on
# every start after the first (Linux: $XDG_STATE_HOME, default ~/.local/state).
state = os.path.join(home, ".local", "state", "aws-mfa-agent")
os.makedirs(state, mode=0o700, exist_ok=True)
with open(os.path.join(state, "autostart-offered"), "w") as f:
    f.write("no\n")

for name, parts in (("config", config), ("credentials", creds)):
    path = os.path.join(aws, name)
    with open(path, "w") as f:
        f.write("\n".join(parts))
    os.chmod(path, 0o600)
