/* Line plots as standalone SVG: axes, nice ticks, grid, legend. */
#ifndef ACTIV_SVG_PLOT_H
#define ACTIV_SVG_PLOT_H

#include <stddef.h>
#include <stdio.h>

typedef struct plot_series {
    const char *label;
    const double *x, *y; /* non-finite y values break the line */
    size_t n;
    int color;  /* index into the palette */
    int dashed; /* derivatives are drawn dashed */
} plot_series;

typedef struct plot_axes {
    const char *title, *xlabel, *ylabel;
    double xmin, xmax, ymin, ymax;
    int width, height; /* pixels */
} plot_axes;

/* Writes the plot; returns 0, or -1 if writing failed. */
int svg_line_plot(FILE *f, const plot_axes *ax, const plot_series *s, size_t ns);

/* A step of 1, 2 or 5 times a power of ten giving about `target` ticks over span. */
double nice_step(double span, int target);

#endif
