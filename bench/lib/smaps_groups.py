#!/usr/bin/env python3
"""Groups a process's resident memory (/proc/PID/smaps) by what it is, for docs/BENCHMARKS.md.

usage: smaps_groups.py PID [NMT_DETAIL_FILE]

File-backed mappings are grouped by library (libjvm, GTK/GLib, ayatana, JNA, AWT/Swing, fonts, CDS archive,
the jar, ...). Anonymous mappings are attributed through Native Memory Tracking: with the output of
`jcmd PID VM.native_memory detail` (JVM started with -XX:NativeMemoryTracking=detail), each anonymous region
inside a region the JVM reserved gets that region's category (Java Heap, Class, Metaspace, Thread Stack, Code,
GC, ...); the rest is malloc memory (glibc arenas, [heap]: the JVM's own mallocs and those of GTK, fonts, ...).
Prints one line per group: Rss, Pss, Private (clean + dirty), in KiB, then the totals.
"""
import re
import sys

pid = sys.argv[1]
nmt = sys.argv[2] if len(sys.argv) > 2 else None

reserved = []   # (start, end, category)
if nmt:
    pat = re.compile(r"\[(0x[0-9a-f]+) - (0x[0-9a-f]+)\] reserved (?:and committed )?\d+KB for (.+?) from")
    for line in open(nmt):
        m = pat.search(line)
        if m:
            reserved.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3).strip()))
    reserved.sort()

FILE_GROUPS = [
    ("libjvm.so", r"/libjvm\.so"),
    ("CDS archive", r"\.jsa$"),
    ("JDK modules image", r"/lib/modules$"),
    ("the jar", r"\.jar$"),
    ("AWT/Swing libraries", r"/lib(awt|awt_xawt|fontmanager|javajpeg|lcms|mlib_image|splashscreen|jawt)\.so"),
    ("other JDK libraries", r"/lib/(server/)?lib[a-z0-9_]+\.so$"),
    ("JNA", r"jna[^/]*\.so|/jna"),
    ("ayatana/dbusmenu", r"libayatana|libdbusmenu|libappindicator"),
    ("fonts", r"\.(ttf|otf|pfb|TTF)$|fontconfig.*cache|\.cache-\d+$"),
    ("GTK/GDK/GLib/Pango/Cairo", r"lib(gtk|gdk|glib|gio|gobject|gmodule|pango|cairo|harfbuzz|fontconfig|freetype|"
                                 r"atk|epoxy|pixman|png|fribidi|thai|datrie|graphite|gdk_pixbuf|rsvg|croco|"
                                 r"X|xcb|xkb|wayland|Xi|Xext|Xrender|Xfixes|Xcursor|Xrandr|Xinerama|Xdamage|"
                                 r"Xcomposite|Xtst|dbus|atspi|mount|blkid|selinux|pcre|ffi|expat|brotli|bz2|z\.|"
                                 r"jpeg|tiff|webp|jbig|lzma|zstd|deflate|Lerc|gmp|systemd|cap|gcrypt|gpg|lz4|"
                                 r"uuid|bsd|md|Xau|Xdmcp|stdc\+\+|gcc_s|icu)"),
    ("icon theme / GTK caches, locale", r"icon-theme\.cache|/locale|\.mo$|gtk-3\.0|gdk-pixbuf|mime"),
    ("libc, ld.so", r"/(libc|ld-linux[^/]*|libm|libpthread|libdl|librt)[.-]"),
]


def group_of(name, start):
    if name == "[heap]":
        return "malloc ([heap] and arenas)"
    if name.startswith("[stack"):
        return "main thread stack"
    if name in ("[vdso]", "[vvar]", "[vsyscall]"):
        return "kernel (vdso)"
    if name == "" or name.startswith("[anon"):
        for s, e, cat in reserved:
            if s <= start < e:
                return "JVM: " + cat
            if s > start:
                break
        return "malloc ([heap] and arenas)" if nmt else "anonymous (heap, metaspace, stacks, malloc, ...)"
    for label, rx in FILE_GROUPS:
        if re.search(rx, name):
            return label
    return "other files: " + name.rsplit("/", 1)[-1]


groups = {}
cur = None
for line in open(f"/proc/{pid}/smaps"):
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        parts = line.split(None, 5)
        start = int(parts[0].split("-")[0], 16)
        name = parts[5].strip() if len(parts) > 5 else ""
        cur = groups.setdefault(group_of(name, start), {"Rss": 0, "Pss": 0, "Private": 0})
    else:
        k, _, v = line.partition(":")
        if k in ("Rss", "Pss"):
            cur[k] += int(v.split()[0])
        elif k in ("Private_Clean", "Private_Dirty"):
            cur["Private"] += int(v.split()[0])

tot = {"Rss": 0, "Pss": 0, "Private": 0}
print(f"{'group':<48} {'Rss KiB':>9} {'Pss KiB':>9} {'Private':>9}")
for g, v in sorted(groups.items(), key=lambda kv: -kv[1]["Rss"]):
    if v["Rss"] == 0:
        continue
    for k in tot:
        tot[k] += v[k]
    print(f"{g[:48]:<48} {v['Rss']:>9} {v['Pss']:>9} {v['Private']:>9}")
print(f"{'total':<48} {tot['Rss']:>9} {tot['Pss']:>9} {tot['Private']:>9}")
