#include "svg_plot.h"
#include "svg_chart.h"

#include <math.h>
#include <string.h>

double nice_step(double span, int target)
{
    if (!(span > 0)) return 1;
    double raw = span / target, mag = pow(10, floor(log10(raw))), r = raw / mag;
    return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * mag;
}


static void tick_label(char *buf, size_t len, double v, double step)
{
    if (fabs(v) < step * 1e-9) v = 0;
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    snprintf(buf, len, "%.*f", decimals, v);
}

int svg_line_plot(FILE *f, const plot_axes *ax, const plot_series *s, size_t ns)
{
    /* the legend sits right of the plot, so it never hides a curve */
    double lh = 20, lw = 0;
    for (size_t k = 0; k < ns; k++) {
        double w = 40 + 7.5 * (double)strlen(s[k].label ? s[k].label : "");
        if (w > lw) lw = w;
    }
    const double W = ax->width + lw + 20, H = ax->height;
    const double L = 70, R = lw + 40, T = ax->title ? 44 : 20, B = 56; /* margins */
    const double pw = W - L - R, ph = H - T - B;
    double x0 = ax->xmin, x1 = ax->xmax, y0 = ax->ymin, y1 = ax->ymax;
#define PX(v) (L + ((v) - x0) / (x1 - x0) * pw)
#define PY(v) (T + (y1 - (v)) / (y1 - y0) * ph)

    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\" "
               "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n",
            W, H, W, H);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<defs><clipPath id=\"plot\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></clipPath></defs>\n",
            L, T, pw, ph);
    if (ax->title) {
        fprintf(f, "<text x=\"%g\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">", W / 2);
        svg_text(f, ax->title);
        fprintf(f, "</text>\n");
    }
    /* grid and ticks */
    char lab[64];
    double xs = nice_step(x1 - x0, 10), ys = nice_step(y1 - y0, 8);
    for (double v = ceil(x0 / xs) * xs; v <= x1 + xs * 1e-9; v += xs) {
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#e6e6e6\"/>\n", PX(v), T, PX(v), T + ph);
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#333\"/>\n", PX(v), T + ph, PX(v), T + ph + 5);
        tick_label(lab, sizeof lab, v, xs);
        fprintf(f, "<text x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">%s</text>\n", PX(v), T + ph + 19, lab);
    }
    for (double v = ceil(y0 / ys) * ys; v <= y1 + ys * 1e-9; v += ys) {
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#e6e6e6\"/>\n", L, PY(v), L + pw, PY(v));
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#333\"/>\n", L - 5, PY(v), L, PY(v));
        tick_label(lab, sizeof lab, v, ys);
        fprintf(f, "<text x=\"%g\" y=\"%.2f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>\n", L - 8,
                PY(v), lab);
    }
    /* the axes through zero, where zero is in view */
    if (x0 < 0 && x1 > 0)
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#999\"/>\n", PX(0), T, PX(0), T + ph);
    if (y0 < 0 && y1 > 0)
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#999\"/>\n", L, PY(0), L + pw, PY(0));
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#333\"/>\n", L, T, pw, ph);
    if (ax->xlabel) {
        fprintf(f, "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">", L + pw / 2, H - 14);
        svg_text(f, ax->xlabel);
        fprintf(f, "</text>\n");
    }
    if (ax->ylabel) {
        fprintf(f, "<text transform=\"translate(18 %g) rotate(-90)\" text-anchor=\"middle\">", T + ph / 2);
        svg_text(f, ax->ylabel);
        fprintf(f, "</text>\n");
    }
    /* the curves, clipped to the plot; a non-finite value or a jump out of view breaks the line */
    fprintf(f, "<g clip-path=\"url(#plot)\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">\n");
    for (size_t k = 0; k < ns; k++) {
        const plot_series *c = &s[k];
        int open = 0;
        for (size_t i = 0; i < c->n; i++) {
            double y = c->y[i];
            int ok = isfinite(y) && y > y0 - 10 * (y1 - y0) && y < y1 + 10 * (y1 - y0);
            if (!ok) {
                if (open) fprintf(f, "\"/>\n");
                open = 0;
                continue;
            }
            if (!open) {
                fprintf(f, "<polyline stroke=\"%s\"%s points=\"", chart_color(c->color),
                        c->dashed ? " stroke-dasharray=\"7 4\"" : "");
                open = 1;
            }
            fprintf(f, "%.2f,%.2f ", PX(c->x[i]), PY(y));
        }
        if (open) fprintf(f, "\"/>\n");
    }
    fprintf(f, "</g>\n");
    /* legend, right of the plot */
    double lx = L + pw + 15;
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"white\" stroke=\"#ccc\"/>\n", lx, T,
            lw + 10, lh * (double)ns + 8);
    for (size_t k = 0; k < ns; k++) {
        double y = T + 4 + lh * ((double)k + 0.5);
        fprintf(f, "<line x1=\"%g\" y1=\"%g\" x2=\"%g\" y2=\"%g\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx + 6, y,
                lx + 34, y, chart_color(s[k].color), s[k].dashed ? " stroke-dasharray=\"7 4\"" : "");
        fprintf(f, "<text x=\"%g\" y=\"%g\" dominant-baseline=\"middle\">", lx + 40, y);
        svg_text(f, s[k].label);
        fprintf(f, "</text>\n");
    }
    fprintf(f, "</svg>\n");
#undef PX
#undef PY
    return ferror(f) ? -1 : 0;
}
