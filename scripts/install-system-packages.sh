#!/usr/bin/env bash
# Debian packages the browser tests and image exports need: Chromium and fonts for Arabic and Chinese.
set -euo pipefail
packages=(chromium fonts-noto-core fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing ${missing[*]} (Debian packages)…"
# Wait up to ten minutes for another apt or dpkg run (e.g. unattended upgrades) instead of failing at once.
wait_for_lock=(-o DPkg::Lock::Timeout=600)
$sudo apt-get "${wait_for_lock[@]}" update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait_for_lock[@]}" install -y -qq "${missing[@]}" >/dev/null
