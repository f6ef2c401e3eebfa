#include "report/svg_chart.h"

#include <math.h>
#include <string.h>

#include "report/svg_plot.h"

/* Tableau 10, as svg_plot.c uses, so the report's charts match activ plot's. */
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

const char *chart_color(int i)
{
    return palette[(i < 0 ? -i : i) % 10];
}

void svg_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '&') fputs("&amp;", f);
        else if (*s == '"') fputs("&quot;", f);
        else fputc(*s, f);
    }
}

/* Where the data goes: the plot rectangle and the ranges it maps. */
typedef struct area {
    double L, T, pw, ph;
    double x0, x1, y0, y1;
} area;

static double ax_x(const area *a, double v) { return a->L + (v - a->x0) / (a->x1 - a->x0) * a->pw; }
static double ax_y(const area *a, double v) { return a->T + (a->y1 - v) / (a->y1 - a->y0) * a->ph; }

/* A range that holds [lo, hi] with a margin, or the frame's fixed one. */
static void fit(double lo, double hi, double fixlo, double fixhi, double *a, double *b)
{
    if (!isfinite(lo) || !isfinite(hi)) lo = 0, hi = 1;
    if (hi - lo < 1e-9) lo -= 0.5, hi += 0.5;
    double pad = 0.06 * (hi - lo);
    *a = isfinite(fixlo) ? fixlo : lo - pad;
    *b = isfinite(fixhi) ? fixhi : hi + pad;
}

static void tick_label(char *buf, size_t len, double v, double step)
{
    if (fabs(v) < step * 1e-9) v = 0;
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    snprintf(buf, len, "%.*f", decimals, v);
}

static void open_svg(FILE *f, const chart_frame *fr, double W, double H)
{
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"");
    svg_text(f, fr->id);
    fprintf(f, "\" class=\"chart");
    if (fr->cls) fputc(' ', f), svg_text(f, fr->cls);
    fprintf(f, "\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" role=\"img\" "
               "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
            W, H, W, H);
    if (fr->title) {
        fprintf(f, "<title>");
        svg_text(f, fr->title);
        fprintf(f, "</title>\n<text x=\"%g\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">",
                W / 2);
        svg_text(f, fr->title);
        fprintf(f, "</text>\n");
    }
}

/* Grid, ticks, frame and axis labels; xgrid 0 leaves out the vertical ticks (the bar chart's categories). */
static void axes(FILE *f, const chart_frame *fr, const area *a, int xticks, int yticks)
{
    char lab[64];
    if (xticks) {
        double s = nice_step(a->x1 - a->x0, xticks);
        if (fr->xwhole && s < 1) s = 1;
        for (double v = ceil(a->x0 / s) * s; v <= a->x1 + s * 1e-9; v += s) {
            double x = ax_x(a, v);
            fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#e6e6e6\"/>", x, a->T, x, a->T + a->ph);
            tick_label(lab, sizeof lab, v, s);
            fprintf(f, "<text x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n", x, a->T + a->ph + 16, lab);
        }
    }
    if (yticks) {
        double s = nice_step(a->y1 - a->y0, yticks);
        for (double v = ceil(a->y0 / s) * s; v <= a->y1 + s * 1e-9; v += s) {
            double y = ax_y(a, v);
            fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#e6e6e6\"/>", a->L, y, a->L + a->pw, y);
            tick_label(lab, sizeof lab, v, s);
            fprintf(f, "<text x=\"%g\" y=\"%.2f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>\n",
                    a->L - 6, y, lab);
        }
    }
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#555\"/>\n", a->L, a->T,
            a->pw, a->ph);
    if (fr->xlabel) {
        fprintf(f, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">", a->L + a->pw / 2, a->T + a->ph + 34);
        svg_text(f, fr->xlabel);
        fprintf(f, "</text>\n");
    }
    if (fr->ylabel) {
        fprintf(f, "<text transform=\"translate(14 %g) rotate(-90)\" text-anchor=\"middle\">", a->T + a->ph / 2);
        svg_text(f, fr->ylabel);
        fprintf(f, "</text>\n");
    }
    fprintf(f, "<defs><clipPath id=\"");
    svg_text(f, fr->id);
    fprintf(f, "-clip\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></clipPath></defs>\n", a->L, a->T, a->pw,
            a->ph);
}

static void clip_group(FILE *f, const chart_frame *fr, const char *cls)
{
    fprintf(f, "<g class=\"%s\" clip-path=\"url(#", cls);
    svg_text(f, fr->id);
    fprintf(f, "-clip)\">\n");
}

static double text_width(const char *s, double px) { return 0.62 * px * (double)strlen(s ? s : ""); }

int svg_bar_chart(FILE *f, const chart_frame *fr, const chart_bar *b, size_t n, double ref)
{
    double lo = INFINITY, hi = -INFINITY, lw = 40;
    for (size_t i = 0; i < n; i++) {
        double v[] = {b[i].value, b[i].lo, b[i].hi};
        for (int k = 0; k < 3; k++)
            if (isfinite(v[k])) lo = fmin(lo, v[k]), hi = fmax(hi, v[k]);
        lw = fmax(lw, text_width(b[i].label, 12) + 12);
    }
    if (isfinite(ref)) lo = fmin(lo, ref), hi = fmax(hi, ref);
    const double row = 24;
    area a = {.L = lw + 8, .T = fr->title ? 30 : 10};
    a.pw = fr->width - a.L - 150, a.ph = row * (double)n;
    fit(lo, hi, fr->xmin, fr->xmax, &a.x0, &a.x1);
    if (lo >= 0 && a.x0 < 0 && !isfinite(fr->xmin)) a.x0 = 0; /* bars of accuracies start at 0, not below */
    a.y0 = 0, a.y1 = 1;
    open_svg(f, fr, fr->width, a.T + a.ph + 44);
    axes(f, fr, &a, 8, 0);
    for (size_t i = 0; i < n; i++) {
        double y = a.T + row * (double)i, x = ax_x(&a, isfinite(b[i].value) ? b[i].value : a.x0);
        const char *fill = b[i].style == 1 ? chart_color(1) : b[i].style == 2 ? "#7f7f7f" : chart_color(0);
        fprintf(f, "<g class=\"bar%s\" data-label=\"", b[i].style == 1 ? " winner" : b[i].style == 2 ? " baseline" : "");
        svg_text(f, b[i].label);
        fprintf(f, "\"><title>");
        svg_text(f, b[i].label);
        fprintf(f, ": %.2f [%.2f, %.2f]</title>\n", b[i].value, b[i].lo, b[i].hi);
        fprintf(f, "<text x=\"%g\" y=\"%g\" text-anchor=\"end\" dominant-baseline=\"middle\"%s>", a.L - 6,
                y + row / 2, b[i].style ? " font-weight=\"bold\"" : "");
        svg_text(f, b[i].label);
        fprintf(f, "</text>\n<rect x=\"%g\" y=\"%g\" width=\"%.2f\" height=\"%g\" fill=\"%s\" opacity=\"0.85\"/>\n",
                a.L, y + 4, fmax(0, x - a.L), row - 8, fill);
        if (isfinite(b[i].lo) && isfinite(b[i].hi)) {
            double xl = ax_x(&a, b[i].lo), xh = ax_x(&a, b[i].hi), yc = y + row / 2;
            fprintf(f, "<path class=\"errbar\" d=\"M%.2f %g H%.2f M%.2f %g V%g M%.2f %g V%g\" stroke=\"#222\" "
                       "stroke-width=\"1.5\" fill=\"none\"/>\n",
                    xl, yc, xh, xl, yc - 6, yc + 6, xh, yc - 6, yc + 6);
        }
        fprintf(f, "<text x=\"%g\" y=\"%g\" dominant-baseline=\"middle\" fill=\"#333\">%.2f%s", a.L + a.pw + 6,
                y + row / 2, b[i].value, b[i].note ? " " : "");
        svg_text(f, b[i].note);
        fprintf(f, "</text></g>\n");
    }
    if (isfinite(ref))
        fprintf(f, "<line class=\"ref\" x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#444\" "
                   "stroke-dasharray=\"4 3\"/>\n",
                ax_x(&a, ref), a.T, ax_x(&a, ref), a.T + a.ph);
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}

static void polyline(FILE *f, const area *a, const chart_curve *c)
{
    int open = 0;
    const char *stroke = c->color < 0 ? "#c8c8c8" : chart_color(c->color);
    for (size_t i = 0; i < c->n; i++) {
        if (!isfinite(c->y[i]) || !isfinite(c->x[i])) {
            if (open) fprintf(f, "\"/>\n");
            open = 0;
            continue;
        }
        if (!open) {
            fprintf(f, "<polyline class=\"curve\" data-label=\"");
            svg_text(f, c->label);
            fprintf(f, "\" stroke=\"%s\" stroke-width=\"%g\"%s points=\"", stroke, c->color < 0 ? 1.2 : 2.2,
                    c->dashed ? " stroke-dasharray=\"6 4\"" : "");
            open = 1;
        }
        fprintf(f, "%.2f,%.2f ", ax_x(a, c->x[i]), ax_y(a, c->y[i]));
    }
    if (open) fprintf(f, "\"/>\n");
}

int svg_curves(FILE *f, const chart_frame *fr, const chart_curve *c, size_t n, int legend)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY, lw = 0;
    size_t nleg = 0;
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < c[k].n; i++)
            if (isfinite(c[k].y[i]) && isfinite(c[k].x[i])) {
                xlo = fmin(xlo, c[k].x[i]), xhi = fmax(xhi, c[k].x[i]);
                ylo = fmin(ylo, c[k].y[i]), yhi = fmax(yhi, c[k].y[i]);
            }
        if (c[k].color >= 0) nleg++, lw = fmax(lw, text_width(c[k].label, 12) + 40);
    }
    if (!legend) lw = 0;
    area a = {.L = fr->ylabel ? 52 : 36, .T = fr->title ? 28 : 8};
    a.pw = fr->width - a.L - (lw ? lw + 24 : 10), a.ph = fr->height - a.T - (fr->xlabel ? 42 : 24);
    fit(xlo, xhi, fr->xmin, fr->xmax, &a.x0, &a.x1);
    if (!isfinite(fr->xmin) && !isfinite(fr->xmax) && isfinite(xlo)) a.x0 = xlo, a.x1 = xhi > xlo ? xhi : xlo + 1;
    fit(ylo, yhi, fr->ymin, fr->ymax, &a.y0, &a.y1);
    open_svg(f, fr, fr->width, fr->height);
    axes(f, fr, &a, fr->width < 300 ? 4 : 8, fr->height < 200 ? 4 : 7);
    if (a.y0 < 0 && a.y1 > 0)
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#999\"/>\n", a.L, ax_y(&a, 0),
                a.L + a.pw, ax_y(&a, 0));
    if (a.x0 < 0 && a.x1 > 0)
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#999\"/>\n", ax_x(&a, 0), a.T,
                ax_x(&a, 0), a.T + a.ph);
    clip_group(f, fr, "curves");
    fprintf(f, "<g fill=\"none\" stroke-linejoin=\"round\">\n");
    /* faint ones first, so the coloured ones stay on top */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++)
            if ((c[k].color >= 0) == pass) polyline(f, &a, &c[k]);
    fprintf(f, "</g></g>\n");
    if (legend && nleg) {
        double lx = a.L + a.pw + 14, lh = 18, y = a.T + 4;
        fprintf(f, "<g class=\"legend\">\n");
        for (size_t k = 0; k < n; k++) {
            if (c[k].color < 0) continue;
            y += lh;
            fprintf(f, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" stroke-width=\"2.2\"%s/>", lx,
                    y - 4, lx + 26, y - 4, chart_color(c[k].color), c[k].dashed ? " stroke-dasharray=\"6 4\"" : "");
            fprintf(f, "<text x=\"%g\" y=\"%g\" dominant-baseline=\"middle\">", lx + 32, y - 4);
            svg_text(f, c[k].label);
            fprintf(f, "</text>\n");
        }
        if (nleg < n)
            fprintf(f, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"#c8c8c8\" stroke-width=\"1.2\"/>"
                       "<text x=\"%g\" y=\"%g\" dominant-baseline=\"middle\" fill=\"#666\">others</text>\n",
                    lx, y + lh - 4, lx + 26, y + lh - 4, lx + 32, y + lh - 4);
        fprintf(f, "</g>\n");
    }
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}

int svg_scatter(FILE *f, const chart_frame *fr, const chart_point *p, size_t n, double xref, double yref)
{
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(p[i].x) && isfinite(p[i].y)) {
            xlo = fmin(xlo, p[i].x), xhi = fmax(xhi, p[i].x);
            ylo = fmin(ylo, p[i].y), yhi = fmax(yhi, p[i].y);
        }
    if (isfinite(xref)) xlo = fmin(xlo, xref), xhi = fmax(xhi, xref);
    if (isfinite(yref)) ylo = fmin(ylo, yref), yhi = fmax(yhi, yref);
    area a = {.L = 56, .T = fr->title ? 28 : 8};
    a.pw = fr->width - a.L - 110, a.ph = fr->height - a.T - 44; /* room right for the labels of the last points */
    fit(xlo, xhi, fr->xmin, fr->xmax, &a.x0, &a.x1);
    fit(ylo, yhi, fr->ymin, fr->ymax, &a.y0, &a.y1);
    open_svg(f, fr, fr->width, fr->height);
    axes(f, fr, &a, 7, 6);
    if (isfinite(xref))
        fprintf(f, "<line class=\"ref\" x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#888\" "
                   "stroke-dasharray=\"3 3\"/>\n",
                ax_x(&a, xref), a.T, ax_x(&a, xref), a.T + a.ph);
    if (isfinite(yref))
        fprintf(f, "<line class=\"ref\" x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#888\" "
                   "stroke-dasharray=\"3 3\"/>\n",
                a.L, ax_y(&a, yref), a.L + a.pw, ax_y(&a, yref));
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(p[i].x) || !isfinite(p[i].y)) continue;
        double x = ax_x(&a, p[i].x), y = ax_y(&a, p[i].y);
        fprintf(f, "<g class=\"point\"><title>");
        svg_text(f, p[i].label);
        fprintf(f, ": x %.3g, y %.2f</title><circle cx=\"%.2f\" cy=\"%.2f\" r=\"5\" fill=\"%s\" stroke=\"#222\" "
                   "stroke-width=\"0.6\"/><text x=\"%.2f\" y=\"%.2f\" font-size=\"11\">",
                p[i].x, p[i].y, x, y, chart_color(p[i].color), x + 7, y - 6);
        svg_text(f, p[i].label);
        fprintf(f, "</text></g>\n");
    }
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
