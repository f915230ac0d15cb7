#!/usr/bin/env bash
# What JWT authentication, a rate limit per subject and identity forwarding cost on the proxy path
# (docs/auth.md): bench/overhead.sh with the full stack as the variant. ROUNDS, DURATION, WARMUP
# pass through.
exec env B_ARGS="--jwt-secret frontdesk-bench-secret-0123456789abcdef" "$(dirname "$0")/overhead.sh"
