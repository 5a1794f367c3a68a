#!/usr/bin/env python3
"""Launches a command and measures launch -> tray icon visible on the X display in $DISPLAY.

It takes the screen's top strip (the trayer panel is docked there) with XGetImage every INTERVAL seconds,
through libX11 by ctypes (one X connection, no new process per look: cheap enough not to slow the launch
it measures), and counts the pixels of exactly the icon's signature colour (TrayIcons.signatureRgb).
The command is left running (own session); its pid goes to PIDFILE.

usage: icon_watch.py RRGGBB MIN_PIXELS TIMEOUT PIDFILE -- COMMAND ARGS...
prints: seconds_to_icon cpu_seconds_at_icon pixels     (or "timeout" and exit 1)
"""
import ctypes
import ctypes.util
import os
import subprocess
import sys
import time

rgb, min_px, timeout, pidfile = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
cmd = sys.argv[sys.argv.index("--") + 1:]
INTERVAL = 0.02
STRIP_H = 40


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_char)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


x = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XGetImage.restype = ctypes.POINTER(XImage)
x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                        ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
x.XDestroyImage.argtypes = [ctypes.POINTER(XImage)]
x.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]

dpy = x.XOpenDisplay(None)
if not dpy:
    sys.exit("icon_watch: cannot open display %s" % os.environ.get("DISPLAY"))
root = x.XDefaultRootWindow(dpy)
width = x.XDisplayWidth(dpy, 0)
ZPIXMAP, ALL_PLANES = 2, 0xFFFFFFFF
v = int(rgb, 16)
pattern = bytes([v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF])  # 32 bpp little-endian: B G R X


def count():
    img = x.XGetImage(dpy, root, 0, 0, width, STRIP_H, ALL_PLANES, ZPIXMAP)
    if not img:
        return 0
    try:
        im = img.contents
        if im.bits_per_pixel != 32:
            sys.exit("icon_watch: needs a 24/32-bit screen")
        data = ctypes.string_at(im.data, im.bytes_per_line * im.height)
    finally:
        x.XDestroyImage(img)
    n, i = 0, data.find(pattern)
    while i >= 0:
        if i % 4 == 0:
            n += 1
        i = data.find(pattern, i + 1)
    return n


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if count() >= min_px:
    sys.exit("icon_watch: that colour is on screen before the launch")
t0 = time.monotonic()
proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, start_new_session=True,
                        stdout=open(pidfile + ".out", "w"), stderr=subprocess.STDOUT)
with open(pidfile, "w") as f:
    f.write(str(proc.pid))
while True:
    t = time.monotonic()
    n = count()
    if n >= min_px:
        # The screen was taken at t..now; t is when the look started, a bound within INTERVAL + one look.
        print("%.3f %.2f %d" % (t - t0, cpu_seconds(proc.pid), n))
        sys.exit(0)
    if proc.poll() is not None:
        print("exited %d" % proc.returncode)
        sys.exit(1)
    if t - t0 > timeout:
        print("timeout")
        sys.exit(1)
    time.sleep(INTERVAL)
