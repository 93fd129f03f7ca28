"""The ring all-reduce step diagram, drawn from the ring schedule itself.

For each round it shows, for every worker (row) and chunk (column), whose gradients are summed
in that worker's copy of the chunk at the start of the round, and outlines the chunk the worker
sends to its right neighbour in that round. The contents come from replaying the schedule on
sets of contributors (a symbolic run of the same rounds the simulator and gloo execute).
"""

from __future__ import annotations

import io

from optiproof.catalogue.schemes import RING
from optiproof.core.solution import Figure
from optiproof.families.communication.schedules import Schedule, ring_allreduce_schedule

MAX_FIGURE_WORKERS = 6
FALLBACK_WORKERS = 3


def contributor_states(schedule: Schedule) -> list[list[list[frozenset[int]]]]:
    """Contributors of every (worker, chunk) at the start of each round and after the last.

    ``states[t][w][c]`` is the set of workers whose chunk-c gradients worker w holds summed.
    """
    n = schedule.n
    bounds = schedule.chunk_bounds
    chunk_of = {(bounds[c], bounds[c + 1]): c for c in range(n)}
    state = [[frozenset({w}) for _ in range(n)] for w in range(n)]
    states = [state]
    for rnd in schedule.rounds:
        new = [row[:] for row in state]
        for s, d, a, b in zip(rnd.src, rnd.dst, rnd.start, rnd.stop):
            c = chunk_of[(int(a), int(b))]
            payload = state[int(s)][c]
            new[int(d)][c] = (new[int(d)][c] | payload) if rnd.op == "add" else payload
        state = new
        states.append(state)
    return states


def _label(contributors: frozenset[int], n: int) -> str:
    if len(contributors) == n:
        return "all" if n > 4 else "+".join(str(w) for w in sorted(contributors))
    if n <= 4:
        return "+".join(str(w) for w in sorted(contributors))
    return f"{len(contributors)}/{n}"


def ring_diagram(n: int | None) -> Figure:
    """PNG of ring all-reduce for n workers (n = 3 if n is symbolic or above 6)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    shown = n if isinstance(n, int) and n <= MAX_FIGURE_WORKERS else FALLBACK_WORKERS
    schedule = ring_allreduce_schedule(shown, shown)
    states = contributor_states(schedule)
    rounds = list(schedule.rounds)
    steps = shown - 1
    cols = steps + 1
    fig, axes = plt.subplots(2, cols, figsize=(1.0 + 1.25 * shown * cols * 0.62,
                                               2.2 + 1.05 * shown), squeeze=False)
    cmap = plt.get_cmap("Blues")
    for row in range(2):
        for col in range(cols):
            ax = axes[row][col]
            t = row * steps + col  # index into states (start of round t)
            last = col == steps
            if last:
                t = (row + 1) * steps
                title = "after reduce-scatter" if row == 0 else "after all-gather"
            else:
                phase = "reduce-scatter" if row == 0 else "all-gather"
                title = f"{phase} step {col + 1}"
            state = states[t]
            for w in range(shown):
                for c in range(shown):
                    frac = len(state[w][c]) / shown
                    ax.add_patch(Rectangle((c, shown - 1 - w), 1, 1,
                                           facecolor=cmap(0.12 + 0.75 * frac),
                                           edgecolor="white", linewidth=1.5))
                    ax.text(c + 0.5, shown - 0.5 - w, _label(state[w][c], shown),
                            ha="center", va="center", fontsize=8 if shown <= 4 else 7,
                            color="white" if frac > 0.6 else "black")
            if not last:
                rnd = rounds[t]
                for s, d, a in zip(rnd.src, rnd.dst, rnd.start):
                    c = int(a)  # one element per chunk in the drawn instance
                    ax.add_patch(Rectangle((c + 0.04, shown - 1 - int(s) + 0.04), 0.92, 0.92,
                                           fill=False, edgecolor="#d1242f", linewidth=2.2))
                    ax.text(shown + 0.08, shown - 0.5 - int(s), f"c{c}\u2192w{int(d)}",
                            ha="left", va="center", fontsize=7, color="#d1242f")
            ax.set_xlim(0, shown + 0.9)
            ax.set_ylim(0, shown)
            ax.set_xticks([c + 0.5 for c in range(shown)])
            ax.set_xticklabels([f"c{c}" for c in range(shown)], fontsize=7)
            ax.set_yticks([shown - 0.5 - w for w in range(shown)])
            ax.set_yticklabels([f"w{w}" for w in range(shown)], fontsize=7)
            ax.tick_params(length=0)
            for spine in ax.spines.values():
                spine.set_visible(False)
            ax.set_title(title, fontsize=9)
            ax.set_aspect("equal")
    ring = RING.name[:1].upper() + RING.name[1:]
    fig.suptitle(f"{ring}, n = {shown} workers\nrows: workers w; columns: chunks c; "
                 "cell: whose gradients are summed there; red: chunk sent this round",
                 fontsize=10)
    fig.subplots_adjust(left=0.04, right=0.98, bottom=0.05, top=0.86, wspace=0.25,
                        hspace=0.3)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    symbolic = not isinstance(n, int)
    scope = (f"for n = {shown}" + (" (n is symbolic; the pattern is the same for any n)"
                                  if symbolic else
                                  "" if shown == n else
                                  f" (n = {n} is too large to draw; the pattern is the same)"))
    caption = (f"{ring} {scope}. Each panel is one round; a red outline marks the "
               "chunk a worker sends to its right neighbour in that round (label: chunk -> "
               "receiver). In reduce-scatter the receiver adds the chunk, so after n - 1 steps "
               "worker w owns the full sum of chunk w + 1; in all-gather the receiver overwrites "
               "its copy, so after n - 1 more steps every worker holds every summed chunk. "
               "Drawn from the same schedule the simulator and the gloo run execute.")
    return Figure(title=f"{ring} step diagram (n = {shown})", caption=caption,
                  png=buf.getvalue())
