/*
 * report.html: one page with everything inline (CSS, SVG; no script, no
 * external resource), so that it opens anywhere and can be mailed around.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"
#include "report/report_internal.h"
#include "report/svg_chart.h"

#define TEXT svg_text /* HTML escaping is XML escaping here */

static const char css[] =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;color:#222;max-width:1180px;margin:24px auto;"
    "padding:0 16px;line-height:1.45}\n"
    "h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.25em;margin-top:32px;border-bottom:1px solid #ddd}\n"
    ".verdict{padding:12px 16px;border-radius:6px;font-size:1.1em;margin:16px 0}\n"
    ".sig{background:#e3f4e1;border-left:6px solid #59a14f}.nsig{background:#fdf3dc;border-left:6px solid #edc948}\n"
    "dl.repro{display:grid;grid-template-columns:max-content auto;gap:2px 16px;font-size:.92em}\n"
    "dl.repro dt{color:#555}dl.repro dd{margin:0;word-break:break-all}\n"
    "code{background:#f4f4f4;padding:1px 4px;border-radius:3px}\n"
    "table{border-collapse:collapse;font-size:.9em;margin:8px 0}\n"
    "th,td{padding:4px 8px;border-bottom:1px solid #e4e4e4}th{background:#f2f2f2;text-align:left}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.baseline{background:#f6f6f6}\n"
    "tr.winner td{font-weight:bold}.note{color:#555;font-size:.9em}\n"
    ".shapes{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:8px}\n"
    ".shapes figure{margin:0}.shapes figcaption{font-size:.85em;text-align:center}\n"
    "svg.chart{max-width:100%;height:auto}\n";

static void header(FILE *f, const report_ctx *c)
{
    report_kv kv[REPORT_KV_MAX];
    char seeds[512];
    size_t n = report_header(c, kv, seeds, sizeof seeds);
    fputs("<section id=\"reproducibility\"><h2>How this was run</h2>\n<dl class=\"repro\">\n", f);
    for (size_t i = 0; i < n; i++) {
        fputs("<dt>", f);
        TEXT(f, kv[i].title);
        fputs("</dt><dd>", f);
        if (kv[i].str && !strcmp(kv[i].key, "command_line")) fputs("<code>", f), TEXT(f, kv[i].str), fputs("</code>", f);
        else if (kv[i].str) TEXT(f, kv[i].str);
        else if (!strcmp(kv[i].key, "total_seconds") || !strcmp(kv[i].key, "training_seconds")) fprintf(f, "%.0f s (%.1f min)", kv[i].num, kv[i].num / 60);
        else fprintf(f, "%.10g", kv[i].num);
        fputs("</dd>\n", f);
    }
    fputs("</dl></section>\n", f);
}

static void accuracy_chart(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    chart_bar *b = calloc(s->nacts, sizeof *b);
    char(*notes)[48] = calloc(s->nacts, sizeof *notes);
    if (b && notes) {
        for (size_t k = 0; k < s->nacts; k++) {
            const search_act_stats *a = &s->acts[s->by_rank[k]];
            if (a->n_diverged) snprintf(notes[k], sizeof notes[k], "(%zu of %zu diverged)", a->n_diverged, a->n);
            b[k] = (chart_bar){a->act, 100 * a->mean, 100 * a->ci_lo, 100 * a->ci_hi,
                               s->by_rank[k] == s->baseline ? 2 : k == 0 ? 1 : 0, a->n_diverged ? notes[k] : NULL};
        }
        chart_frame fr = {.id = "acc-chart", .cls = "plot-accuracy", .xlabel = "test accuracy (%), mean with 95% CI",
                          .width = 1000, .xmin = NAN, .xmax = NAN, .ymin = NAN, .ymax = NAN};
        svg_bar_chart(f, &fr, b, s->nacts, 100 * s->acts[s->baseline].mean);
    }
    free(b), free(notes);
}

/* The curves that get a colour: the baseline and the top three (all of them when there are few). */
static int highlighted(const search_stats *s, size_t i)
{
    return s->nacts <= 6 || i == s->baseline || s->acts[i].rank <= 3;
}

static void curves_chart(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    chart_curve *cv = calloc(s->nacts, sizeof *cv);
    double *x = malloc((size_t)(s->max_epochs + 1) * sizeof *x);
    double *y = malloc(s->nacts * (size_t)(s->max_epochs + 1) * sizeof *y);
    if (cv && x && y) {
        for (int e = 0; e < s->max_epochs; e++) x[e] = e + 1;
        for (size_t i = 0; i < s->nacts; i++) {
            const search_act_stats *a = &s->acts[i];
            double *yi = y + i * (size_t)s->max_epochs;
            for (int e = 0; e < a->n_epochs; e++) yi[e] = 100 * a->val_curve[e];
            cv[i] = (chart_curve){a->act, x, yi, (size_t)a->n_epochs, highlighted(s, i) ? (int)i : -1, 0};
        }
        chart_frame fr = {.id = "curves-chart", .cls = "plot-curves", .xlabel = "epoch",
                          .ylabel = "validation accuracy (%)", .width = 1000, .height = 420,
                          .xmin = NAN, .xmax = NAN, .ymin = NAN, .ymax = NAN, .xwhole = 1};
        svg_curves(f, &fr, cv, s->nacts, 1);
    }
    free(cv), free(x), free(y);
}

static void cost_chart(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    chart_point *p = calloc(s->nacts, sizeof *p);
    if (p) {
        for (size_t i = 0; i < s->nacts; i++)
            p[i] = (chart_point){s->acts[i].act, s->acts[i].time_ratio, 100 * s->acts[i].mean, (int)i};
        chart_frame fr = {.id = "cost-chart", .cls = "plot-cost", .xlabel = "training time per epoch / baseline's",
                          .ylabel = "test accuracy (%), mean", .width = 1000, .height = 440,
                          .xmin = NAN, .xmax = NAN, .ymin = NAN, .ymax = NAN};
        svg_scatter(f, &fr, p, s->nacts, 1.0, 100 * s->acts[s->baseline].mean);
    }
    free(p);
}

#define SHAPE_POINTS 161

/* f (solid) and f' (dashed) on [-4, 4]; the y range is cut to [-3, 5] so that exponentials stay readable. */
static void shape(FILE *f, const char *spec, size_t i)
{
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS], x[SHAPE_POINTS], y[2][SHAPE_POINTS], lo = INFINITY, hi = -INFINITY;
    char err[256], id[32];
    fputs("<figure>", f);
    if (activ_parse_spec(spec, &e, p, err, sizeof err)) {
        fputs("<p class=\"note\">", f);
        TEXT(f, spec);
        fputs(": not in the catalog, no shape</p>", f);
    } else {
        for (int k = 0; k < SHAPE_POINTS; k++) {
            x[k] = -4 + 8.0 * k / (SHAPE_POINTS - 1);
            y[0][k] = activ_f64(e, x[k], p), y[1][k] = activ_df64(e, x[k], p);
            for (int d = 0; d < 2; d++)
                if (isfinite(y[d][k])) lo = fmin(lo, y[d][k]), hi = fmax(hi, y[d][k]);
        }
        chart_curve cv[2] = {{"f", x, y[0], SHAPE_POINTS, (int)i, 0}, {"f'", x, y[1], SHAPE_POINTS, (int)i, 1}};
        snprintf(id, sizeof id, "shape-%zu", i);
        chart_frame fr = {.id = id, .cls = "plot-shape", .title = spec, .width = 230, .height = 170,
                          .xmin = -4, .xmax = 4, .ymin = NAN, .ymax = NAN};
        if (isfinite(lo)) {
            double pad = 0.06 * fmax(hi - lo, 1e-3);
            fr.ymin = fmax(lo - pad, -3), fr.ymax = fmin(hi + pad, 5);
        }
        svg_curves(f, &fr, cv, 2, 0);
    }
    fputs("</figure>\n", f);
}

static void cell_num(FILE *f, const char *s) { fprintf(f, "<td class=\"n\">%s</td>", s); }

static void table(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    fputs("<table id=\"results\"><thead><tr><th>Rank</th><th>Activation</th><th>Test acc. %<br>mean ± std</th>"
          "<th>95% CI</th><th>Best / worst</th><th>Δ vs baseline<br>(pp)</th><th>p<br>paired t</th>"
          "<th>p<br>sign-flip</th><th>Diverged</th><th>Epochs<br>to 99%</th><th>Time/epoch<br>vs baseline</th>"
          "<th>Kernel ns/elem<br>fwd / bwd</th><th>Peak<br>MB</th></tr></thead>\n<tbody>\n",
          f);
    for (size_t k = 0; k < s->nacts; k++) {
        const search_act_stats *a = &s->acts[s->by_rank[k]];
        char b1[32], b2[32], b3[80];
        fprintf(f, "<tr class=\"%s\"><td class=\"n\">%d</td><td>", a->is_baseline ? "baseline" : k == 0 ? "winner" : "",
                a->rank);
        TEXT(f, a->act);
        fprintf(f, "%s</td>", a->is_baseline ? " <span class=\"note\">(baseline)</span>" : "");
        snprintf(b3, sizeof b3, "%s ± %s", fmt_pct(b1, sizeof b1, a->mean), fmt_num(b2, sizeof b2, 100 * a->sd, 2));
        cell_num(f, b3);
        if (isfinite(a->ci_lo)) snprintf(b3, sizeof b3, "%s – %s", fmt_pct(b1, sizeof b1, a->ci_lo), fmt_pct(b2, sizeof b2, a->ci_hi));
        else snprintf(b3, sizeof b3, "n/a");
        cell_num(f, b3);
        snprintf(b3, sizeof b3, "%s / %s", fmt_pct(b1, sizeof b1, a->best), fmt_pct(b2, sizeof b2, a->worst));
        cell_num(f, b3);
        cell_num(f, a->is_baseline ? "—" : fmt_pp(b1, sizeof b1, a->diff_mean));
        cell_num(f, a->is_baseline ? "—" : fmt_p(b1, sizeof b1, a->p_t));
        cell_num(f, a->is_baseline ? "—" : fmt_p(b1, sizeof b1, a->p_perm));
        snprintf(b3, sizeof b3, "%zu / %zu", a->n_diverged, a->n);
        cell_num(f, b3);
        cell_num(f, fmt_num(b1, sizeof b1, a->epochs_to_99, 1));
        snprintf(b3, sizeof b3, "%s×", fmt_num(b1, sizeof b1, a->time_ratio, 2));
        cell_num(f, b3);
        snprintf(b3, sizeof b3, "%s / %s", fmt_num(b1, sizeof b1, a->fwd_ns, 2), fmt_num(b2, sizeof b2, a->bwd_ns, 2));
        cell_num(f, b3);
        cell_num(f, fmt_num(b1, sizeof b1, a->peak_rss_mb, 0));
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void runs_table(FILE *f, const report_ctx *c)
{
    fputs("<details id=\"runs\"><summary>Every run</summary>\n<table><thead><tr><th>Activation</th><th>Seed</th>"
          "<th>Test acc. %</th><th>Best epoch</th><th>Best val. acc. %</th><th>Epochs run</th><th>Diverged at</th>"
          "<th>s/epoch</th></tr></thead><tbody>\n",
          f);
    for (size_t i = 0; i < c->nruns; i++) {
        const search_run *r = &c->runs[i];
        char b1[32], b2[32], b3[32], b4[32] = "—";
        if (r->diverged) snprintf(b4, sizeof b4, "epoch %d", r->diverged_epoch);
        fputs("<tr><td>", f);
        TEXT(f, r->act);
        fprintf(f, "</td><td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%d</td><td class=\"n\">%s</td>"
                   "<td class=\"n\">%d</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
                r->seed, fmt_pct(b1, sizeof b1, r->test_acc), r->best_epoch, fmt_pct(b2, sizeof b2, r->best_val_acc),
                r->epochs_run, b4, fmt_num(b3, sizeof b3, r->sec_per_epoch, 2));
    }
    fputs("</tbody></table></details>\n", f);
}

/* Optional: the order predicted from the activations' properties against the measured one. */
static void predicted(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    size_t n;
    char b1[32], b2[32];
    double rho = report_spearman(c, &n);
    fputs("<section id=\"predicted\"><h2>Predicted from properties vs measured</h2>\n", f);
    fprintf(f, "<p>Spearman's rank correlation between the predicted score and the measured mean test accuracy: "
               "<b>%s</b> over %zu activations (1: the prediction orders them exactly as measured).</p>\n",
            fmt_num(b1, sizeof b1, rho, 3), n);
    fputs("<p>The properties are measured before any training (<code>activ props</code>, docs/properties.md): "
          "non-linearity 1 &minus; R&sup2; of the best linear fit under N(0,1); log<sub>10</sub> of the first to "
          "last layer's gradient norm in a deep plain network at initialisation (0: even flow); its dead units; "
          "saturation P(|f&prime;(Z)| &lt; 1% of its maximum); the output's mean and variance under N(0,1); "
          "whether the deep network keeps mean 0 and variance 1 (self-normalising).</p>\n", f);
    fputs("<table id=\"predicted-table\"><thead><tr><th>Measured rank</th><th>Activation</th><th>Test acc. %</th>"
          "<th>Predicted score</th><th>Non-linearity</th><th>log<sub>10</sub> grad ratio</th><th>Dead</th>"
          "<th>Saturation</th><th>Output mean</th><th>Output var</th><th>Self-norm.</th></tr></thead><tbody>\n",
          f);
    for (size_t k = 0; k < s->nacts; k++) {
        const search_act_stats *a = &s->acts[s->by_rank[k]];
        fprintf(f, "<tr><td class=\"n\">%d</td><td>", a->rank);
        TEXT(f, a->act);
        fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>", fmt_pct(b1, sizeof b1, a->mean),
                fmt_num(b2, sizeof b2, report_predicted(c, a->act), 3));
        const activ_measured *m = report_props(c, a->act);
        if (!m) {
            fputs("<td colspan=\"7\"></td></tr>\n", f);
            continue;
        }
        const double v[6] = {m->nonlinearity, m->grad_log10, m->dead_fraction, m->saturation, m->output_mean,
                             m->output_var};
        const int digits[6] = {3, 2, 3, 3, 3, 3};
        for (int i = 0; i < 6; i++) fprintf(f, "<td class=\"n\">%s</td>", fmt_num(b1, sizeof b1, v[i], digits[i]));
        fprintf(f, "<td>%s</td></tr>\n", m->self_normalising ? "yes" : "no");
    }
    fputs("</tbody></table></section>\n", f);
}

int report_html(FILE *f, const report_ctx *c)
{
    const search_stats *s = c->s;
    char verdict[1024];
    report_verdict(c, verdict, sizeof verdict);
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>activ search: ",
          f);
    TEXT(f, c->m->model ? c->m->model : "model");
    fputs(" on ", f);
    TEXT(f, c->m->data ? c->m->data : "data");
    fprintf(f, "</title>\n<style>\n%s</style></head><body>\n<h1>Activation search: ", css);
    TEXT(f, c->m->model ? c->m->model : "model");
    fputs(" on ", f);
    TEXT(f, c->m->data ? c->m->data : "data");
    fprintf(f, "</h1>\n<p class=\"note\">%zu activations × %d seeds, %d epochs each; test accuracy at the epoch "
               "chosen on the validation split.</p>\n",
            s->nacts, c->m->seeds, c->m->epochs);
    fprintf(f, "<p id=\"verdict\" class=\"verdict %s\">", search_stats_significant(s, SEARCH_REPORT_ALPHA) ? "sig" : "nsig");
    TEXT(f, verdict);
    fputs("</p>\n", f);
    header(f, c);

    fputs("<section id=\"accuracy\"><h2>Test accuracy</h2>\n<p class=\"note\">Best first; whiskers: 95% confidence "
          "interval of the mean (Student t; none from a single run); dashed line: the baseline's mean. Diverged runs "
          "count with their best epoch before divergence.</p>\n",
          f);
    accuracy_chart(f, c);
    fputs("</section>\n<section id=\"curves\"><h2>Validation accuracy per epoch</h2>\n<p class=\"note\">Mean over "
          "seeds (over the runs that reached the epoch). In colour: the baseline and the top three; grey: the "
          "others.</p>\n",
          f);
    curves_chart(f, c);
    fputs("</section>\n<section id=\"cost\"><h2>Cost against accuracy</h2>\n<p class=\"note\">Training time per epoch "
          "relative to the baseline (dotted lines: the baseline). Up and to the left is better.</p>\n",
          f);
    cost_chart(f, c);
    fputs("</section>\n<section id=\"table\"><h2>All activations</h2>\n<p class=\"note\">Δ: mean difference from the "
          "baseline over the seeds both have, in percentage points; p: two-sided, paired t-test and exact sign-flip "
          "permutation test. Epochs to 99%: first epoch reaching 99% of the run's best validation accuracy, mean over "
          "seeds. Definitions: docs/report.md.</p>\n",
          f);
    table(f, c);
    runs_table(f, c);
    fputs("</section>\n", f);
    /* optional section: predicted rank from the activations' properties, when the caller gives scores */
    if (c->npred) predicted(f, c);
    fputs("<section id=\"shapes\"><h2>The activations</h2>\n<p class=\"note\">f (solid) and its derivative f' "
          "(dashed) on [−4, 4].</p>\n<div class=\"shapes\">\n",
          f);
    for (size_t i = 0; i < s->nacts; i++) shape(f, s->acts[i].act, i);
    fputs("</div></section>\n<p class=\"note\">Written by activ ", f);
    TEXT(f, c->m->version ? c->m->version : ACTIV_VERSION_STRING);
    fputs(".</p>\n</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}
