# Shared by the whole-app test scripts (source it): a private home for the
# app and a way to stop what a test started.

# ui_private_env DIR: HOME and the XDG folders inside DIR, in-memory
# GSettings, the X11 cairo renderer (no window manager, no GL under Xvfb).
ui_private_env ()
{
  mkdir -p "$1/home" "$1/data" "$1/config" "$1/cache" || return 1
  export HOME="$1/home"
  export XDG_DATA_HOME="$1/data"
  export XDG_CONFIG_HOME="$1/config"
  export XDG_CACHE_HOME="$1/cache"
  export GSETTINGS_BACKEND=memory
  export GSK_RENDERER=cairo
  export GDK_BACKEND=x11
  export NO_AT_BRIDGE=1
  unset WAYLAND_DISPLAY
}

# ui_stop PID…: ends each process the test started that still runs.
ui_stop ()
{
  local pid
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
}

# ui_quit PID WID: Ctrl+Q in the window (no window manager: focus it
# first), then waits up to 10 s for a clean exit; says on stdout what went
# wrong. Call it in the shell that started the app (wait needs its child).
ui_quit ()
{
  local status
  xdotool windowfocus --sync "$2" 2>/dev/null || xdotool windowfocus "$2" || { echo "cannot focus the window"; return 1; }
  xdotool key --clearmodifiers ctrl+q || { echo "xdotool key ctrl+q failed"; return 1; }
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$1" 2>/dev/null && { echo "arrestdesk did not quit on Ctrl+Q within 10 s"; return 1; }
  wait "$1"
  status=$?
  [ "$status" -eq 0 ] || { echo "arrestdesk exited with status $status"; return 1; }
}
