/* The lines a search prints when it ends. */
#include "report/report_internal.h"

void report_terminal(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    char verdict[1024];
    report_verdict(c, verdict, sizeof verdict);
    fprintf(f, "%s\n", verdict);
    size_t nd = 0;
    for (size_t i = 0; i < s->nacts; i++) nd += s->acts[i].n_diverged;
    if (nd) {
        fprintf(f, "Diverged runs (counted with their best epoch before divergence):");
        for (size_t i = 0, k = 0; i < s->nacts; i++)
            if (s->acts[i].n_diverged)
                fprintf(f, "%s %s %zu of %zu", k++ ? "," : "", s->acts[i].act, s->acts[i].n_diverged, s->acts[i].n);
        fputc('\n', f);
    }
    if (c->dir) fprintf(f, "Report: %s/report.html (tables: results.md, results.csv, results.json)\n", c->dir);
}
