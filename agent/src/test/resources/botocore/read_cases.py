"""Reads every case folder under argv[1] with the AWS CLI's own botocore, one process for the whole batch.

Prints one line per part: case TAB part TAB json, where json is the part as botocore reads it (compact,
ASCII-escaped, insertion order) or "REFUSED" when botocore raises. Parts: config, credentials (raw_config_parse),
profiles (build_profile_map of config: the facts a renewal uses), after (credentials.after, when present).
"""
import json
import os
import sys

from awscli.botocore import configloader


def dump(obj):
    return json.dumps(obj, ensure_ascii=True, separators=(',', ':'))


def raw(path):
    try:
        return configloader.raw_config_parse(path)
    except Exception:
        return None


def text(value):
    return value if isinstance(value, str) else None


def facts(parsed):
    out = {}
    for name, p in configloader.build_profile_map(parsed)['profiles'].items():
        sts = p.get('sts')
        out[name] = {
            'keys': list(p.keys()),
            'mfa_serial': text(p.get('mfa_serial')),
            'source_profile': text(p.get('source_profile')),
            'region': text(p.get('region')),
            'endpoint_url': text(p.get('endpoint_url')),
            'sts_endpoint_url': text(sts.get('endpoint_url')) if isinstance(sts, dict) else None,
        }
    return out


def main(root):
    for case in sorted(os.listdir(root)):
        folder = os.path.join(root, case)
        config = raw(os.path.join(folder, 'config'))
        parts = [('config', config), ('credentials', raw(os.path.join(folder, 'credentials'))),
                 ('profiles', None if config is None else facts(config))]
        after = os.path.join(folder, 'credentials.after')
        if os.path.exists(after):
            parts.append(('after', raw(after)))
        for part, value in parts:
            print(case + '\t' + part + '\t' + ('REFUSED' if value is None else dump(value)))
    print('END')


if __name__ == '__main__':
    main(sys.argv[1])
