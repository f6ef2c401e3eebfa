/*
 * Charts for the search report, as SVG fragments to inline in HTML: bars
 * with error bars, curves, a labelled scatter.  Each <svg> carries the id
 * and class given (the render test finds the plots by them), and its
 * clip path is named after the id so that many charts share one page.
 */
#ifndef ACTIV_SVG_CHART_H
#define ACTIV_SVG_CHART_H

#include <stddef.h>
#include <stdio.h>

typedef struct chart_frame {
    const char *id;  /* required, unique in the page */
    const char *cls; /* class of the <svg>, or NULL */
    const char *title, *xlabel, *ylabel; /* each may be NULL */
    int width, height;
    double xmin, xmax, ymin, ymax; /* NaN: from the data */
    int xwhole;                    /* x ticks on whole numbers only (epochs) */
} chart_frame;

/* One horizontal bar, drawn top to bottom in the given order. */
typedef struct chart_bar {
    const char *label;
    double value, lo, hi; /* the error bar spans [lo, hi]; NaN: none */
    int style;            /* 0 plain, 1 winner, 2 baseline */
    const char *note;     /* after the value (e.g. "1 diverged"), or NULL */
} chart_bar;

/* ref: a vertical reference line (the baseline's mean), NaN for none. */
int svg_bar_chart(FILE *f, const chart_frame *fr, const chart_bar *b, size_t n, double ref);

typedef struct chart_curve {
    const char *label;
    const double *x, *y; /* non-finite y breaks the line */
    size_t n;
    int color;    /* palette index; -1 draws it faint grey, behind, out of the legend */
    int dashed;
} chart_curve;

/* legend: list the coloured curves right of the plot. */
int svg_curves(FILE *f, const chart_frame *fr, const chart_curve *c, size_t n, int legend);

typedef struct chart_point {
    const char *label;
    double x, y;
    int color; /* palette index */
} chart_point;

/* xref, yref: dotted reference lines (the baseline's cost and accuracy), NaN for none. */
int svg_scatter(FILE *f, const chart_frame *fr, const chart_point *p, size_t n, double xref, double yref);

/* The palette (Tableau 10, colour-blind safe) by index, wrapping. */
const char *chart_color(int i);
/* Text with <, >, &, " escaped for XML and HTML. */
void svg_text(FILE *f, const char *s);

#endif
