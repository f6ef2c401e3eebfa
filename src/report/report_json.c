/* results.json: the header, the verdict, one summary per activation (best first), every run with its epochs. */
#include <math.h>

#include "report/report_internal.h"

static void key(FILE *f, int *first, const char *k)
{
    fprintf(f, "%s\"%s\":", *first ? "" : ",", k);
    *first = 0;
}

static void num(FILE *f, int *first, const char *k, double v)
{
    key(f, first, k);
    json_number(f, v);
}

static void header(FILE *f, const report_ctx *c)
{
    report_kv kv[REPORT_KV_MAX];
    char seeds[512];
    size_t n = report_header(c, kv, seeds, sizeof seeds);
    int first = 1;
    fputc('{', f);
    for (size_t i = 0; i < n; i++) {
        key(f, &first, kv[i].key);
        if (kv[i].str) json_string(f, kv[i].str);
        else json_number(f, kv[i].num);
    }
    fputc('}', f);
}

static void activation(FILE *f, const report_ctx *c, const search_act_stats *a)
{
    int first = 1;
    fputs("\n  {", f);
    key(f, &first, "activation");
    json_string(f, a->act);
    fprintf(f, ",\"baseline\":%s,\"rank\":%d,\"runs\":%zu,\"diverged\":%zu,\"valid\":%zu", a->is_baseline ? "true" : "false",
            a->rank, a->n, a->n_diverged, a->n_valid);
    num(f, &first, "test_acc_mean", a->mean);
    num(f, &first, "test_acc_sd", a->sd);
    num(f, &first, "ci95_lo", a->ci_lo);
    num(f, &first, "ci95_hi", a->ci_hi);
    num(f, &first, "best", a->best);
    num(f, &first, "worst", a->worst);
    fprintf(f, ",\"paired_seeds\":%zu", a->n_paired);
    num(f, &first, "diff_vs_baseline", a->diff_mean);
    num(f, &first, "t", a->t);
    num(f, &first, "p_paired_t", a->p_t);
    num(f, &first, "p_sign_flip", a->p_perm);
    num(f, &first, "epochs_to_99", a->epochs_to_99);
    num(f, &first, "sec_per_epoch", a->sec_per_epoch);
    num(f, &first, "time_ratio", a->time_ratio);
    num(f, &first, "fwd_ns_per_elem", a->fwd_ns);
    num(f, &first, "bwd_ns_per_elem", a->bwd_ns);
    num(f, &first, "peak_rss_mb", a->peak_rss_mb);
    num(f, &first, "predicted_score", report_predicted(c, a->act));
    fputs(",\"val_acc_mean_curve\":[", f);
    for (int e = 0; e < a->n_epochs; e++) {
        if (e) fputc(',', f);
        json_number(f, a->val_curve[e]);
    }
    fputs("]}", f);
}

static void run(FILE *f, const search_run *r)
{
    int first = 1;
    fputs("\n  {", f);
    key(f, &first, "activation");
    json_string(f, r->act);
    fprintf(f, ",\"seed\":%d,\"diverged\":%s,\"diverged_epoch\":%d,\"epochs_run\":%d,\"best_epoch\":%d", r->seed,
            r->diverged ? "true" : "false", r->diverged_epoch, r->epochs_run, r->best_epoch);
    num(f, &first, "best_val_acc", r->best_val_acc);
    num(f, &first, "test_acc", r->test_acc);
    num(f, &first, "test_loss", r->test_loss);
    num(f, &first, "sec_per_epoch", r->sec_per_epoch);
    num(f, &first, "peak_rss_mb", r->peak_rss_mb);
    fprintf(f, ",\"params\":%zu,\"epochs\":[", r->params);
    for (int e = 0; e < r->epochs_run; e++) {
        const activ_epoch_log *l = &r->log[e];
        int f2 = 0; /* "epoch" is already written */
        fprintf(f, "%s\n    {\"epoch\":%d", e ? "," : "", l->epoch);
        num(f, &f2, "train_loss", l->train_loss);
        num(f, &f2, "train_acc", l->train_acc);
        num(f, &f2, "val_loss", l->val_loss);
        num(f, &f2, "val_acc", l->val_acc);
        num(f, &f2, "seconds", l->seconds);
        num(f, &f2, "lr", l->lr);
        fputc('}', f);
    }
    fputs("]}", f);
}

int report_json(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    fputs("{\"format\":\"activ-search-results/1\",\n\"header\":", f);
    header(f, c);
    fputs(",\n\"baseline\":", f);
    json_string(f, s->acts[s->baseline].act);
    fputs(",\n\"winner\":", f);
    json_string(f, s->acts[s->winner].act);
    fprintf(f, ",\n\"alpha\":%g,\n\"significant\":%s,\n\"activations\":[", SEARCH_REPORT_ALPHA,
            search_stats_significant(s, SEARCH_REPORT_ALPHA) ? "true" : "false");
    for (size_t k = 0; k < s->nacts; k++) {
        if (k) fputc(',', f);
        activation(f, c, &s->acts[s->by_rank[k]]);
    }
    fputs("],\n\"predicted\":", f);
    if (c->npred) {
        size_t n;
        double rho = report_spearman(c, &n);
        fprintf(f, "{\"activations\":%zu,\"spearman_vs_measured\":", n);
        json_number(f, rho);
        fputc('}', f);
    } else
        fputs("null", f);
    fputs(",\n\"runs\":[", f);
    for (size_t i = 0; i < c->nruns; i++) {
        if (i) fputc(',', f);
        run(f, &c->runs[i]);
    }
    fputs("]}\n", f);
    return ferror(f) ? -1 : 0;
}
