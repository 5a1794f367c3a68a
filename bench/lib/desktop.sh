# Sourced by bench/run.sh: a throw-away X display with a tray host, as in shared/design/desktop-testing.md.
# desktop_start DIR  -> exports DISPLAY, sets XVFB_PID TRAYER_PID DBUS_PID PANEL_WIN PANEL_GEOM (WxH+X+Y)
# desktop_stop       -> stops them by PID, in reverse order

desktop_start() {
    local dir=$1
    mkdir -p "$dir"
    rm -f "$dir/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dir/display" 2>"$dir/xvfb.log" &
    XVFB_PID=$!
    local i
    for i in $(seq 1 300); do [ -s "$dir/display" ] && break; sleep 0.05; done
    [ -s "$dir/display" ] || { echo "bench: Xvfb did not start (see $dir/xvfb.log)" >&2; return 1; }
    export DISPLAY=":$(tr -d '[:space:]' <"$dir/display")"
    local up=0
    for i in $(seq 1 300); do timeout 3 xdpyinfo >/dev/null 2>&1 && { up=1; break; }; sleep 0.1; done
    [ "$up" = 1 ] || { echo "bench: X server $DISPLAY does not answer" >&2; return 1; }
    # A session bus, as on a desktop (GTK and notifications look for one).
    eval "$(dbus-launch --sh-syntax)"
    DBUS_PID=$DBUS_SESSION_BUS_PID
    export NO_AT_BRIDGE=1
    trayer --edge top --align right --widthtype request --height 32 --SetDockType true \
        --transparent false --tint 0x333333 >"$dir/trayer.log" 2>&1 &
    TRAYER_PID=$!
    PANEL_WIN=""
    for i in $(seq 1 300); do
        local w
        for w in $(timeout 3 xdotool search --classname '^(trayer|panel)$' 2>/dev/null); do
            local h
            h=$(timeout 3 xdotool getwindowgeometry --shell "$w" 2>/dev/null | sed -n 's/^HEIGHT=//p')
            if [ -n "$h" ] && [ "$h" -gt 10 ]; then PANEL_WIN=$w; break; fi
        done
        [ -n "$PANEL_WIN" ] && break
        sleep 0.05
    done
    [ -n "$PANEL_WIN" ] || { echo "bench: trayer did not come up on $DISPLAY" >&2; return 1; }
}

desktop_stop() {
    local p
    for p in ${TRAYER_PID:-} ${DBUS_PID:-} ${XVFB_PID:-}; do kill "$p" 2>/dev/null || true; done
    for p in ${TRAYER_PID:-} ${DBUS_PID:-} ${XVFB_PID:-}; do
        for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
        kill -9 "$p" 2>/dev/null || true
    done
    TRAYER_PID="" DBUS_PID="" XVFB_PID=""
    return 0
}

# count_pixels RGBHEX: pixels of exactly that colour in the top 40 px strip of the screen (the trayer panel
# is docked top right). Prints the count.
count_pixels() {
    local hex=$1
    timeout 5 import -window root -crop 1280x40+0+0 -depth 8 txt:- 2>/dev/null | grep -ci "#${hex}" || true
}
