#!/usr/bin/env python3
"""Summarises an async-profiler collapsed CPU profile of the bench gateway (bench/profile.sh).

Prints where the samples went: the kernel by the Java frame that made the system call and
whose code that was (a Frontdesk class, Jetty),
thread hand-offs (park/unpark), and user-space time by owner (Frontdesk class, Jetty, the JVM).
"""
import collections
import sys


def main(path):
    total = 0
    kernel_by_call = collections.Counter()
    user_by_owner = collections.Counter()
    for line in open(path):
        stack, count = line.rsplit(" ", 1)
        count = int(count)
        total += count
        frames = stack.split(";")
        if "entry_SYSCALL_64_after_hwframe_[k]" in frames:
            i = frames.index("entry_SYSCALL_64_after_hwframe_[k]")
            java = [f for f in frames[:i] if "/" in f and not f.endswith("_[k]")]
            frame = java[-1].split("/")[-1] if java else "(a system call from native code)"
            kernel_by_call[f"{frame} <- {owner(frames[:i])}"] += count
        elif any(f.endswith("_[k]") for f in frames):
            kernel_by_call["(interrupts and other kernel work)"] += count
        else:
            user_by_owner[owner(frames)] += count
    if total == 0:
        print("no samples")
        return
    kernel = sum(kernel_by_call.values())
    print(f"{total} samples: kernel {pct(kernel, total)}, user {pct(total - kernel, total)}")
    print("\nkernel, by the Java frame that made the system call <- whose code called it:")
    for frame, n in kernel_by_call.most_common(10):
        print(f"  {pct(n, total):>6}  {frame}")
    print("\nuser space, by owner:")
    for name, n in user_by_owner.most_common(15):
        print(f"  {pct(n, total):>6}  {name}")


def owner(frames):
    for f in reversed(frames):
        if f.startswith("dev/frontdesk"):
            return "frontdesk " + f.split(".")[0].split("/")[-1]
        if f.startswith("org/eclipse/jetty"):
            return "jetty"
    return "jvm " + frames[0][:40]


def pct(n, total):
    return f"{100.0 * n / total:.1f}%"


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/frontdesk-profile.collapsed")
