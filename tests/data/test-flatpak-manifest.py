#!/usr/bin/python3
# Checks the Flatpak manifest without building it (no runtime can be had here):
# identity, permissions, the pinned SQLCipher module, and that flatpak-builder
# accepts the file. Exit status 0 on success, 1 with a message on failure.

import json
import os
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'io.github.arrestdesk.ArrestDesk'
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)


def main():
    if len(sys.argv) > 1:
        path = sys.argv[1]
    else:
        root = os.environ.get('ARRESTDESK_SOURCE_DIR',
                              os.path.join(os.path.dirname(__file__), '..', '..'))
        path = os.path.join(root, 'flatpak', APP_ID + '.json')

    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'FAIL: cannot read {path}: {e}')
        return 1

    check(manifest.get('app-id', manifest.get('id')) == APP_ID, f'app-id is not {APP_ID}')
    check(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    check(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    check(bool(manifest.get('runtime-version')), 'runtime-version missing')
    check(manifest.get('command') == 'arrestdesk', 'command is not arrestdesk')

    args = manifest.get('finish-args', [])
    for wanted in ('--socket=wayland', '--socket=fallback-x11', '--share=network',
                   '--share=ipc', '--device=dri', '--talk-name=org.freedesktop.secrets'):
        check(wanted in args, f'finish-args lack {wanted}')
    for arg in args:
        if arg.startswith('--filesystem='):
            target = arg.split('=', 1)[1].split(':', 1)[0]
            check(target not in ('home', 'host', 'host-os', 'host-etc', '~', '/'),
                  f'finish-args grant {arg}')
        check(arg not in ('--device=all', '--socket=session-bus', '--socket=system-bus'),
              f'finish-args grant {arg}')

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    names = [m.get('name') for m in modules]
    check('sqlcipher' in names, 'no sqlcipher module')
    check('arrestdesk' in names, 'no arrestdesk module')
    if 'sqlcipher' in names and 'arrestdesk' in names:
        check(names.index('sqlcipher') < names.index('arrestdesk'),
              'sqlcipher must be built before arrestdesk')

    for m in modules:
        if m.get('name') == 'sqlcipher':
            sources = [s for s in m.get('sources', []) if isinstance(s, dict)]
            pinned = [s for s in sources
                      if (s.get('url') and len(s.get('sha256', '')) == 64)
                      or (s.get('tag') and len(s.get('commit', '')) == 40)]
            check(pinned, 'sqlcipher source is not pinned (url+sha256 or tag+commit)')
            opts = m.get('config-opts', [])
            check('--enable-tempstore=yes' in opts, 'sqlcipher lacks --enable-tempstore=yes')
            check('--disable-tcl' in opts, 'sqlcipher lacks --disable-tcl')
            # The codec flags may sit in config-opts (CFLAGS=…) or build-options.
            flags = ' '.join(opts) + ' ' + json.dumps(m.get('build-options', {}))
            check('-DSQLITE_HAS_CODEC' in flags, 'sqlcipher built without -DSQLITE_HAS_CODEC')
            check('-lcrypto' in flags, 'sqlcipher not linked with -lcrypto')
        if m.get('name') == 'arrestdesk':
            check(m.get('buildsystem') == 'meson', 'arrestdesk module is not meson')
            check('-Dui_tests=false' in m.get('config-opts', []),
                  'arrestdesk module lacks -Dui_tests=false')

    builder = shutil.which('flatpak-builder')
    if builder is None:
        failures.append('flatpak-builder not found (apt-get install flatpak-builder)')
    else:
        # flatpak-builder makes a state dir (.flatpak-builder) in its working
        # directory: keep it out of the source and build trees.
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([builder, '--show-manifest', os.path.abspath(path)],
                               cwd=tmp, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
        check(r.returncode == 0,
              f'flatpak-builder --show-manifest failed ({r.returncode}): {r.stderr.strip()}')

    for f in failures:
        print(f'FAIL: {f}')
    if not failures:
        print(f'ok: {path}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
