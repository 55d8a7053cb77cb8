// libseccomp driven as runc 1.1 drives it (init, the extra arches, one rule per name in the
// config's order, export), timed in thread CPU: the median of N builds, rules and export apart.
// Build: cc -O2 -o libseccomp-cost libseccomp-cost.c /usr/lib/x86_64-linux-gnu/libseccomp.so.2
// Usage: libseccomp-cost RULES.txt N [OUT.bpf]   (RULES.txt from rules-of.py; OUT.bpf: the program, to compare)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
typedef void *scmp_filter_ctx;
struct scmp_arg_cmp { unsigned int arg; int op; uint64_t datum_a; uint64_t datum_b; };
scmp_filter_ctx seccomp_init(uint32_t);
int seccomp_arch_add(scmp_filter_ctx, uint32_t);
int seccomp_rule_add_array(scmp_filter_ctx, uint32_t, int, unsigned int, const struct scmp_arg_cmp *);
int seccomp_syscall_resolve_name(const char *);
int seccomp_export_bpf(scmp_filter_ctx, int);
void seccomp_release(scmp_filter_ctx);
static double cpu(void){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}
struct rule { uint32_t act; char name[64]; unsigned n; struct scmp_arg_cmp a[6]; };
int main(int argc,char**argv){
  FILE*f=fopen(argv[1],"r"); int reps=atoi(argv[2]);
  uint32_t def, arches[3]; int narch; fscanf(f,"%x %d",&def,&narch); for(int i=0;i<narch;i++) fscanf(f,"%x",&arches[i]);
  static struct rule r[2000]; int nr=0;
  while(fscanf(f,"%x %63s %u",&r[nr].act,r[nr].name,&r[nr].n)==3){ for(unsigned i=0;i<r[nr].n;i++) fscanf(f,"%u %d %lx %lx",&r[nr].a[i].arg,&r[nr].a[i].op,&r[nr].a[i].datum_a,&r[nr].a[i].datum_b); nr++; }
  int null=open("/dev/null",O_WRONLY);
  double *tr=calloc(reps,sizeof(double)),*te=calloc(reps,sizeof(double));
  for(int k=0;k<reps;k++){
    double t0=cpu(); scmp_filter_ctx c=seccomp_init(def);
    for(int i=0;i<narch;i++) if(arches[i]!=0xc000003e) seccomp_arch_add(c,arches[i]);
    for(int i=0;i<nr;i++){ int num=seccomp_syscall_resolve_name(r[i].name); if(num==-1) continue;
      int rc=seccomp_rule_add_array(c,r[i].act,num,r[i].n,r[i].a); if(rc&&k==0) fprintf(stderr,"rc %d %s\n",rc,r[i].name);}
    double t1=cpu(); if(k==0&&argc>3){int o=open(argv[3],O_WRONLY|O_CREAT|O_TRUNC,0644);seccomp_export_bpf(c,o);close(o);} seccomp_export_bpf(c,null); double t2=cpu(); seccomp_release(c);
    tr[k]=t1-t0; te[k]=t2-t1; }
  qsort(tr,reps,sizeof(double),cmp); qsort(te,reps,sizeof(double),cmp);
  printf("%-30s rules %6.2f ms  export %6.2f ms  total %6.2f\n",argv[1],tr[reps/2],te[reps/2],tr[reps/2]+te[reps/2]);
}
