/* results.md: the table in the shape of the survey's Table 8 (mean ± std over seeds), with the comparison added. */
#include <math.h>
#include <string.h>

#include "report/report_internal.h"

/* Table cells must not end early at a '|'. */
static void md_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '|') fputs("\\|", f);
        else if (*s == '\n') fputc(' ', f);
        else fputc(*s, f);
    }
}

static void row(FILE *f, const report_ctx *c, const search_act_stats *a, int top)
{
    char m[32], sd[32], lo[32], hi[32], d[32], p[32], pp[32], e[32], t[32], fw[32], bw[32], mem[32];
    fprintf(f, "| %d | ", a->rank);
    md_text(f, a->act);
    fprintf(f, "%s | %s%s ± %s%s | ", a->is_baseline ? " (baseline)" : "", top ? "**" : "",
            fmt_pct(m, sizeof m, a->mean), fmt_num(sd, sizeof sd, 100 * a->sd, 2), top ? "**" : "");
    if (isfinite(a->ci_lo)) fprintf(f, "%s – %s", fmt_pct(lo, sizeof lo, a->ci_lo), fmt_pct(hi, sizeof hi, a->ci_hi));
    else fputs("n/a", f);
    fprintf(f, " | %s | %s | %s | %zu/%zu | %s | %s× | %s / %s | %s |", a->is_baseline ? "—" : fmt_pp(d, sizeof d, a->diff_mean),
            a->is_baseline ? "—" : fmt_p(p, sizeof p, a->p_t), a->is_baseline ? "—" : fmt_p(pp, sizeof pp, a->p_perm),
            a->n_diverged, a->n, fmt_num(e, sizeof e, a->epochs_to_99, 1), fmt_num(t, sizeof t, a->time_ratio, 2),
            fmt_num(fw, sizeof fw, a->fwd_ns, 2), fmt_num(bw, sizeof bw, a->bwd_ns, 2),
            fmt_num(mem, sizeof mem, a->peak_rss_mb, 0));
    if (c->npred) {
        char ps[32];
        fprintf(f, " %s |", fmt_num(ps, sizeof ps, report_predicted(c, a->act), 3));
    }
    fputc('\n', f);
}

int report_markdown(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    const char *base = s->acts[s->baseline].act;
    char verdict[1024];
    report_verdict(c, verdict, sizeof verdict);
    fputs("# Activation search results\n\n", f);
    fprintf(f, "%s\n\n", verdict);
    fprintf(f, "Test accuracy in %%, mean ± std over seeds, each run measured at the epoch chosen on the validation "
               "split (the survey's Table 8 reports mean ± std over 5 trials the same way). Δ and p compare with "
               "the baseline **");
    md_text(f, base);
    fprintf(f, "** seed by seed; diverged runs count with their best epoch before divergence. Epochs to 99%%: first "
               "epoch reaching 99%% of the run's best validation accuracy. Time: training seconds per epoch over "
               "the baseline's. Definitions: docs/report.md.\n\n");
    fputs("| Rank | Activation | Test acc. % (mean ± std) | 95% CI | Δ vs baseline (pp) | p (paired t) | p (sign-flip) "
          "| Diverged | Epochs to 99% | Time/epoch vs baseline | Kernel ns/elem (fwd / bwd) | Peak MB |",
          f);
    fputs(c->npred ? " Predicted score |\n" : "\n", f);
    fputs("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|", f);
    fputs(c->npred ? "---:|\n" : "\n", f);
    for (size_t k = 0; k < s->nacts; k++) row(f, c, &s->acts[s->by_rank[k]], s->acts[s->by_rank[k]].rank == 1);
    if (c->npred) {
        size_t n;
        char r[32];
        double rho = report_spearman(c, &n);
        fprintf(f, "\nPredicted from properties vs measured order: Spearman's rho = %s over %zu activations.\n",
                fmt_num(r, sizeof r, rho, 3), n);
    }
    report_kv kv[REPORT_KV_MAX];
    char seeds[512];
    size_t n = report_header(c, kv, seeds, sizeof seeds);
    fputs("\n## Reproducibility\n\n", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "- %s: ", kv[i].title);
        if (kv[i].str && !strcmp(kv[i].key, "command_line")) fprintf(f, "`%s`", kv[i].str);
        else if (kv[i].str) md_text(f, kv[i].str);
        else fprintf(f, "%.10g", kv[i].num);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
