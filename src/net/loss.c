/*
 * Softmax cross-entropy, mean over the batch:
 *   loss = -(1/n) sum_s log softmax(z_s)[label_s]
 *   dloss/dz = (softmax(z) - onehot(label)) / n
 * computed from the shifted logits (z - max z) so exp never overflows.
 */
#include <math.h>

#include "net/net.h"

double net_softmax_xent(const float *logits, const uint8_t *labels, size_t n, int classes, float *dlogits,
                        size_t *correct)
{
    double total = 0;
    size_t right = 0;
    for (size_t s = 0; s < n; s++) {
        const float *z = logits + s * classes;
        int best = 0;
        for (int k = 1; k < classes; k++)
            if (z[k] > z[best]) best = k;
        right += best == labels[s];
        double sum = 0;
        for (int k = 0; k < classes; k++) sum += exp((double)z[k] - z[best]);
        const double log_sum = log(sum) + z[best];
        total += log_sum - z[labels[s]];
        if (!dlogits) continue;
        for (int k = 0; k < classes; k++)
            dlogits[s * classes + k] = (float)((exp((double)z[k] - log_sum) - (k == labels[s])) / (double)n);
    }
    if (correct) *correct = right;
    return total / (double)n;
}
