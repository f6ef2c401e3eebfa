/* Optimisers: SGD with momentum, Adam, AdamW (optim.c). */
#ifndef ACTIV_NET_OPTIM_H
#define ACTIV_NET_OPTIM_H

#include "net/net.h"

typedef enum { OPTIM_SGD, OPTIM_ADAM, OPTIM_ADAMW } optim_kind;

typedef struct optim {
    optim_kind kind;
    double momentum, wd, beta1, beta2, eps;
    int decay_act;
    long t;
    size_t n;
    net_param **params;
    float **m, **v; /* momentum / first moment, second moment: one array per parameter */
} optim;

int optim_init(optim *o, activ_net *net, const char *kind, double momentum, double wd, int decay_act);
void optim_step(optim *o, double lr);
void optim_free(optim *o);

#endif
