/* Per-channel statistics and normalisation. */
#include <math.h>

#include "activ/data.h"

/* Two passes (mean, then squared deviations) in double: no cancellation. */
void activ_dataset_stats(const activ_dataset *d, double *mean, double *std)
{
    size_t plane = (size_t)d->h * d->w, dim = activ_dataset_dim(d);
    double count = (double)d->n * (double)plane;
    for (int c = 0; c < d->c; c++) {
        double s = 0;
        for (size_t i = 0; i < d->n; i++) {
            const float *p = d->x + i * dim + (size_t)c * plane;
            for (size_t j = 0; j < plane; j++) s += p[j];
        }
        double m = count > 0 ? s / count : 0;
        double v = 0;
        for (size_t i = 0; i < d->n; i++) {
            const float *p = d->x + i * dim + (size_t)c * plane;
            for (size_t j = 0; j < plane; j++) v += (p[j] - m) * (p[j] - m);
        }
        mean[c] = m;
        std[c] = count > 0 ? sqrt(v / count) : 0;
    }
}

void activ_dataset_normalize(activ_dataset *d, const double *mean, const double *std)
{
    size_t plane = (size_t)d->h * d->w, dim = activ_dataset_dim(d);
    for (int c = 0; c < d->c; c++) {
        /* a constant channel is only centred */
        float m = (float)mean[c], inv = std[c] > 0 ? (float)(1.0 / std[c]) : 1.0f;
        for (size_t i = 0; i < d->n; i++) {
            float *p = d->x + i * dim + (size_t)c * plane;
            for (size_t j = 0; j < plane; j++) p[j] = (p[j] - m) * inv;
        }
    }
}
