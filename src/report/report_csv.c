/* results.csv (one row per activation), runs.csv (per run), curves.csv (per run and epoch). */
#include <math.h>

#include "report/report_internal.h"

/* "# key: value" lines: pandas.read_csv(path, comment='#') skips them. */
static void header(FILE *f, const report_ctx *c, const char *what)
{
    report_kv kv[REPORT_KV_MAX];
    char seeds[512];
    size_t n = report_header(c, kv, seeds, sizeof seeds);
    fprintf(f, "# activ search: %s\n", what);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "# %s: ", kv[i].key);
        if (kv[i].str) fputs(kv[i].str, f);
        else fprintf(f, "%.10g", kv[i].num);
        fputc('\n', f);
    }
}

int report_results_csv(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    header(f, c, "one row per activation, best first; accuracies are fractions");
    fputs("rank,activation,baseline,runs,diverged,valid,test_acc_mean,test_acc_sd,ci95_lo,ci95_hi,best,worst,"
          "paired_seeds,diff_vs_baseline,t,p_paired_t,p_sign_flip,epochs_to_99,sec_per_epoch,time_ratio,"
          "fwd_ns_per_elem,bwd_ns_per_elem,peak_rss_mb,predicted_score\n",
          f);
    for (size_t k = 0; k < s->nacts; k++) {
        const search_act_stats *a = &s->acts[s->by_rank[k]];
        fprintf(f, "%d,", a->rank);
        csv_string(f, a->act);
        fprintf(f, ",%d,%zu,%zu,%zu", a->is_baseline, a->n, a->n_diverged, a->n_valid);
        const double v[] = {a->mean, a->sd, a->ci_lo, a->ci_hi, a->best, a->worst};
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) fputc(',', f), csv_number(f, v[i]);
        fprintf(f, ",%zu", a->n_paired);
        const double w[] = {a->diff_mean, a->t,      a->p_t,    a->p_perm,       a->epochs_to_99,
                            a->sec_per_epoch, a->time_ratio, a->fwd_ns, a->bwd_ns, a->peak_rss_mb,
                            report_predicted(c, a->act)};
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) fputc(',', f), csv_number(f, w[i]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int report_runs_csv(FILE *f, const report_ctx *c)
{
    header(f, c, "one row per run; accuracies are fractions, test_acc at best_epoch");
    fputs("activation,seed,diverged,diverged_epoch,epochs_run,best_epoch,best_val_acc,test_acc,test_loss,"
          "sec_per_epoch,peak_rss_mb,params\n",
          f);
    for (size_t i = 0; i < c->nruns; i++) {
        const search_run *r = &c->runs[i];
        csv_string(f, r->act);
        fprintf(f, ",%d,%d,%d,%d,%d,", r->seed, r->diverged != 0, r->diverged_epoch, r->epochs_run, r->best_epoch);
        const double v[] = {r->best_val_acc, r->test_acc, r->test_loss, r->sec_per_epoch, r->peak_rss_mb};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) csv_number(f, v[k]), fputc(',', f);
        fprintf(f, "%zu\n", r->params);
    }
    return ferror(f) ? -1 : 0;
}

int report_curves_csv(FILE *f, const report_ctx *c)
{
    header(f, c, "one row per run and epoch (long format)");
    fputs("activation,seed,epoch,train_loss,train_acc,val_loss,val_acc,seconds,lr\n", f);
    for (size_t i = 0; i < c->nruns; i++) {
        const search_run *r = &c->runs[i];
        for (int e = 0; e < r->epochs_run; e++) {
            const activ_epoch_log *l = &r->log[e];
            csv_string(f, r->act);
            fprintf(f, ",%d,%d", r->seed, l->epoch);
            const double v[] = {l->train_loss, l->train_acc, l->val_loss, l->val_acc, l->seconds, l->lr};
            for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) fputc(',', f), csv_number(f, v[k]);
            fputc('\n', f);
        }
    }
    return ferror(f) ? -1 : 0;
}
