#!/bin/sh
# The seed's manual path (shared/seed: "Exporting temporary credentials via cli"), as a user types it:
# get-session-token with the MFA code, then three `aws configure set` into the session profile.
# usage: manual-renew.sh SOURCE_PROFILE TARGET_PROFILE MFA_SERIAL CODE ENDPOINT_URL
set -eu
AWS=${AWS_CLI:-/usr/bin/aws}
set -- "$@"
out=$("$AWS" sts get-session-token --profile "$1" --serial-number "$3" --token-code "$4" \
      --endpoint-url "$5" --output text \
      --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
set -- "$2" $out
"$AWS" configure set aws_access_key_id "$2" --profile "$1"
"$AWS" configure set aws_secret_access_key "$3" --profile "$1"
"$AWS" configure set aws_session_token "$4" --profile "$1"
