/*
 * SignReLU: x for x > 0; alpha x/(1 - x) otherwise (a scaled softsign);
 * f' = 1 for x > 0, alpha/(1 - x)^2 otherwise (f'(0) = alpha, the left
 * piece, as the scalar code); d/dalpha = x/(1 - x) for x <= 0.
 * From the output: s = alpha + y = alpha/(1 - x), f' = s (s/alpha).
 * No cancellation anywhere (1 - x with x <= 0), but in float the three
 * roundings of f cost 2.2 ULP and those of f' 3.7: the negative side is
 * formed in double (1 - x exact for |x| < 2^53, a divide and a multiply
 * rounded to double, the square of 1 - x cannot overflow a double) and
 * rounded once to float, within 0.5 + 2^-27 ULP (the 0.51 declared).
 * At x = -inf: f = -alpha, f' = 0, d/dalpha = -1 (the scalar's limits).
 */
#include <float.h>

#include "kernel.h"

#include "vecd.h"
#define signrelu_d(v) __builtin_convertvector((v), vd)

V_INLINE vf signrelu_q(vf x, vf a) /* a x/(1 - x) for x <= 0, -a at -inf */
{
    vd xd = signrelu_d(vmax(vmin(x, vset(0)), vset(-FLT_MAX)));
    vf q = __builtin_convertvector(signrelu_d(a) * (xd / (1.0 - xd)), vf);
    return vsel(x == -INFINITY, -a, q);
}
V_INLINE vf signrelu_f(vf x, const vf *P) { return vsel(x > 0, x, signrelu_q(x, P[0])); }
V_INLINE vf signrelu_df(vf x, const vf *P)
{
    vd d = 1.0 - signrelu_d(vmin(x, vset(0))); /* +inf at x = -inf: f' = a/inf = 0 */
    vf r = __builtin_convertvector(signrelu_d(P[0]) / (d * d), vf);
    return vsel(x > 0, vset(1), r);
}
V_INLINE vf signrelu_dy(vf y, const vf *P)
{
    vd a = signrelu_d(P[0]), s = a + signrelu_d(y);
    vf r = __builtin_convertvector(s * (s / a), vf);
    return vsel(y > 0, vset(1), vsel(P[0] == 0, vset(0), r));
}
V_INLINE void signrelu_dp(vf x, const vf *P, vf *g)
{
    (void)P;
    g[0] = vsel(x > 0, vset(0), signrelu_q(x, vset(1)));
}
ACTIV_KERNEL_YP(signrelu, 1, 0.51f, 0.51f, 0, NULL)
