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
