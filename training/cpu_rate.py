"""Measures CPU time per training step of each network (one step at a reduced batch; scale linearly
to the recipe batch).  Used for the wall-time estimate in MODEL_CARD.md:  python3 training/cpu_rate.py"""
import sys, time, torch, resource
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import *
import scenes
torch.set_num_threads(2)
def cpu(): r=resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime+r.ru_stime
def bench(name, fn, n=2):
    fn()
    c0,w0=cpu(),time.time()
    for _ in range(n): fn()
    print(f"{name}: cpu {(cpu()-c0)/n:.2f}s/step wall {(time.time()-w0)/n:.2f}s/step", flush=True)
enc,dec=VAEEncoder().to(memory_format=torch.channels_last),VAEDecoder().to(memory_format=torch.channels_last)
opt=torch.optim.AdamW(list(enc.parameters())+list(dec.parameters()))
x=torch.randn(32,3,64,64).contiguous(memory_format=torch.channels_last)
def vstep():
    m,l=enc(x); y=dec(m+torch.randn_like(m)); loss=(y-x).abs().mean(); opt.zero_grad(); loss.backward(); opt.step()
bench("vae batch 32", vstep)
te,un=TextEncoder(46,16),UNet().to(memory_format=torch.channels_last)
opt2=torch.optim.AdamW(list(te.parameters())+list(un.parameters()))
z=torch.randn(64,4,16,16).contiguous(memory_format=torch.channels_last); ids=torch.randint(0,46,(64,16)); t=torch.rand(64)*1000
def ustep():
    c,_=te(ids); loss=(un(z,t,c)-z).pow(2).mean(); opt2.zero_grad(); loss.backward(); opt2.step()
bench("unet batch 64", ustep)
j=Judge().to(memory_format=torch.channels_last); opt3=torch.optim.AdamW(j.parameters())
xj=torch.randn(32,3,64,64).contiguous(memory_format=torch.channels_last)
def jstep():
    f,o=j(xj); loss=sum(v.mean() for v in o.values()); opt3.zero_grad(); loss.backward(); opt3.step()
bench("judge batch 32", jstep)
