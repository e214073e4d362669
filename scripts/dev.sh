#!/usr/bin/env bash
# One entry point for a fresh Debian/Ubuntu machine: installs what the project needs (system
# packages, a virtualenv with the package), then does what was asked:
#   scripts/dev.sh sample   build the sample episode into build/
#   scripts/dev.sh test     run the test suite (what CI runs)
#   scripts/dev.sh setup    only install
set -euo pipefail
cd "$(dirname "$0")/.."

# Runtime: eSpeak NG speaks, ffmpeg encodes and measures. Tests add a browser and a podcast client.
RUNTIME_PACKAGES=(espeak-ng ffmpeg)
TEST_PACKAGES=(chromium chromium-driver gpodder)
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_system() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    "$PYTHON" -m venv --help >/dev/null 2>&1 && "$PYTHON" -c "import ensurepip" 2>/dev/null \
        || missing+=(python3-venv)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing system packages: ${missing[*]}" >&2
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

install_python() {
    [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    # A real (not editable) install, so the shipped voice data is proven to install too.
    "$VENV/bin/python" -m pip install -q "$1"
}

case "${1:-}" in
    setup)
        install_system "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        install_python ".[test]"
        ;;
    sample)
        install_system "${RUNTIME_PACKAGES[@]}"
        install_python "."
        "$VENV/bin/build-episode" examples/change6-far-side-samples.txt --out build
        ;;
    test)
        shift
        install_system "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        install_python ".[test]"
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    *)
        echo "usage: scripts/dev.sh sample|test|setup" >&2
        exit 2
        ;;
esac
