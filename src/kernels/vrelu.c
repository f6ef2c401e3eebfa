/*
 * vReLU: |x|; f' = sign(x) with f'(0) = 0 (PyTorch's abs backward, as the
 * scalar code).  No from-output form (not monotone).  Exact.
 */
#include "kernel.h"

V_INLINE vf vrelu_f(vf x, const vf *P)
{
    (void)P;
    return vabs(x);
}
V_INLINE vf vrelu_df(vf x, const vf *P)
{
    (void)P;
    return vsel(x > 0, vset(1), vsel(x < 0, vset(-1), vset(0)));
}
ACTIV_KERNEL(vrelu, 0, 0, 0, 0, NULL)
