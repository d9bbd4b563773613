#!/usr/bin/python3
"""Neural attribution tagger (PolNeAR roles source / cue / content) trained on CPU.

What it is: a small BiLSTM-CRF over BIO tags, one tagging sequence per paragraph, the same units,
tokens and gold tags as the linear tagger (src/train/attribution.ts). Per token it reads a word
embedding (trained from scratch, vocabulary from the train part with a minimum count), a
character CNN (max-pooled), and small embeddings of the word's shape, cue-lexicon hit, part of
speech (wink), quote state and place in its sentence. One bidirectional LSTM layer, a linear layer
to tag scores, and a linear-chain CRF (start + pairwise transitions, no end transitions, to match
`viterbi` in src/tagging/sequence-tagger.ts). The TypeScript forward pass is
src/attribution/neural/bilstm-tagger.ts; the product's span scorer runs in
`npm run eval -- polnear (model "neural")`.

Data: JSON lines written by the product itself, so tokenisation and inputs are exactly the
product's:

    npm run build && npm run train -- attribution-sequences     # -> scratch/attribution-sequences/

Train (Debian's torch 1.13: `apt-get install python3-torch`, run with /usr/bin/python3):

    /usr/bin/python3 training/attribution_bilstm.py \
        --data scratch/attribution-sequences --out models/attribution-bilstm.json.gz

One torch thread by default: on two cores shared with other jobs, two threads ran five times
slower (OpenMP oversubscription). About 2 to 3.5 minutes an epoch on one core; the shipped file
took 12 epochs, 30 minutes (it was still improving slowly at the last epoch).

Only train.jsonl is used for fitting; a tenth of its articles (every 10th article by name) is
held out for early stopping (span exact F1 over BIO tags, mean of the three roles); the figures
on that held-out part are stored in the model file. dev.jsonl is only reported (tag-level span
F1 here; the product's character-span scores come from `npm run eval -- polnear (model "neural")`).

Seeds are fixed (SEED below: python, torch); with the same torch build and thread count the run
is repeatable.

What the shipped models/attribution-bilstm.json.gz reached (hidden 64, 12 epochs, 2.3 MB):
- held-out tenth of train, tag spans before linking (this script): exact F1 source 72.2, cue 65.8,
  content 60.3;
- held-out tenth, product scorer (`npm run eval -- polnear (model "neural") --data <those 84 articles>`):
  exact 71.9 / 65.7 / 53.6, overlap 75.8 / 71.1 / 69.1;
- PolNeAR dev, product scorer (`npm run eval -- polnear (model "neural")`): exact F1 source 75.5, cue 70.4,
  content 56.7; overlap F1 77.9 / 75.1 / 72.3; triple F1 48.5; about 14 articles/s in Node
  (70 ms an article, one core).

Output: gzipped JSON, format `triangulate-bilstm-tagger/1`: vocabularies, tag list,
hyperparameters, held-out figures and weights as base64 little-endian float16 (embeddings) or
float32 (everything else), each with its shape.
"""

import argparse
import base64
import gzip
import json
import math
import random
import sys
import time
from collections import Counter

import numpy as np
import torch
import torch.nn as nn

SEED = 20161
FORMAT = 'triangulate-bilstm-tagger/1'

# Hyperparameters (small on purpose: two shared CPU cores to train, plain TypeScript to run).
HYPER = {
    'wordDim': 64,  # word embeddings, from scratch
    'wordMinCount': 2,  # rarer words share the unknown vector (and word dropout teaches it)
    'charDim': 16,
    'charFilters': 32,  # CNN width 3, max-pooled over the word
    'charMaxLength': 20,  # longer tokens keep their first 20 code points
    'featureDim': 8,  # shape, cue hit, part of speech
    'smallFeatureDim': 4,  # quote state, place in sentence
    'hidden': 64,  # per direction (96 trains 1.7x slower on two shared cores)
    'dropout': 0.33,
    'wordDropout': 0.1,  # a known word is replaced by the unknown one this often in training
    'batch': 32,
    'learningRate': 2e-3,
    'clip': 5.0,
    'maxEpochs': 12,
    'patience': 3,
}
FEATURES = ['shapes', 'cues', 'partsOfSpeech', 'quotes', 'sentencePlaces']
PAD, UNK = 0, 1


def read_jsonl(path):
    with open(path, encoding='utf8') as handle:
        return [json.loads(line) for line in handle if line.strip()]


def repair_bio(tags):
    """An I-X that follows no B-X / I-X starts a span (as spansFromTags reads it): make it B-X."""
    fixed = []
    for index, tag in enumerate(tags):
        if tag.startswith('I-'):
            previous = fixed[index - 1] if index > 0 else 'O'
            if previous[2:] != tag[2:] or previous == 'O':
                tag = 'B-' + tag[2:]
        fixed.append(tag)
    return fixed


def vocabulary(counter, min_count):
    items = sorted((key for key, count in counter.items() if count >= min_count),
                   key=lambda key: (-counter[key], key))
    return ['<pad>', '<unk>'] + items


class Encoder:
    def __init__(self, sequences):
        words = Counter(w for s in sequences for w in s['words'])
        chars = Counter(c for s in sequences for w in s['raw'] for c in w)
        self.vocab = {
            'words': vocabulary(words, HYPER['wordMinCount']),
            'chars': vocabulary(chars, 2),
        }
        for name in FEATURES:
            self.vocab[name] = vocabulary(Counter(v for s in sequences for v in s[name]), 1)
        self.index = {name: {v: i for i, v in enumerate(values)} for name, values in self.vocab.items()}
        self.tags = ['O'] + [f'{p}-{r}' for r in ('source', 'cue', 'content') for p in ('B', 'I')]
        self.tag_index = {t: i for i, t in enumerate(self.tags)}

    def encode(self, s):
        lookup = lambda name, value: self.index[name].get(value, UNK)
        chars = [[self.index['chars'].get(c, UNK) for c in list(w)[:HYPER['charMaxLength']]] or [UNK]
                 for w in s['raw']]
        return {
            'words': [lookup('words', w) for w in s['words']],
            'chars': chars,
            **{name: [lookup(name, v) for v in s[name]] for name in FEATURES},
            'tags': [self.tag_index[t] for t in repair_bio(s['tags'])],
        }


class CRF(nn.Module):
    """Linear-chain CRF: transitions[(previous | start)][tag], no end transitions."""

    def __init__(self, tags):
        super().__init__()
        self.tags = tags
        self.transitions = nn.Parameter(torch.zeros(tags + 1, tags))

    def neg_log_likelihood(self, emissions, tags, mask):
        # emissions (B, L, T), tags (B, L), mask (B, L) bool with mask[:, 0] all true
        B, L, T = emissions.shape
        start = self.transitions[T]
        pair = self.transitions[:T]
        score = start[tags[:, 0]] + emissions[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = start.unsqueeze(0) + emissions[:, 0]
        for t in range(1, L):
            m = mask[:, t]
            emit = emissions[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
            step = pair[tags[:, t - 1], tags[:, t]] + emit
            score = score + step * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + pair.unsqueeze(0), dim=1) + emissions[:, t]
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        return (torch.logsumexp(alpha, dim=1) - score).sum()


class Tagger(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        h = HYPER
        v = encoder.vocab
        self.words = nn.Embedding(len(v['words']), h['wordDim'], padding_idx=PAD)
        self.chars = nn.Embedding(len(v['chars']), h['charDim'], padding_idx=PAD)
        self.char_cnn = nn.Conv1d(h['charDim'], h['charFilters'], 3, padding=1)
        dims = {'shapes': h['featureDim'], 'cues': h['featureDim'], 'partsOfSpeech': h['featureDim'],
                'quotes': h['smallFeatureDim'], 'sentencePlaces': h['smallFeatureDim']}
        self.features = nn.ModuleDict({n: nn.Embedding(len(v[n]), dims[n], padding_idx=PAD) for n in FEATURES})
        size = h['wordDim'] + h['charFilters'] + sum(dims.values())
        self.lstm = nn.LSTM(size, h['hidden'], batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(h['dropout'])
        self.out = nn.Linear(2 * h['hidden'], len(encoder.tags))
        self.crf = CRF(len(encoder.tags))
        self.input_size = size

    def emissions(self, batch):
        words = batch['words']
        if self.training and HYPER['wordDropout'] > 0:
            drop = (torch.rand(words.shape) < HYPER['wordDropout']) & (words > UNK)
            words = words.masked_fill(drop, UNK)
        B, L = words.shape
        chars = batch['chars']  # (B, L, C)
        C = chars.shape[2]
        ce = self.chars(chars.view(B * L, C)).transpose(1, 2)  # (BL, D, C)
        conv = self.char_cnn(ce)  # (BL, F, C)
        char_mask = (chars.view(B * L, C) > PAD).unsqueeze(1)
        conv = conv.masked_fill(~char_mask, -1e4)
        char_vec = torch.relu(conv.max(dim=2).values).view(B, L, -1)
        char_vec = torch.where(batch['mask'].unsqueeze(2), char_vec, torch.zeros_like(char_vec))
        parts = [self.words(words), char_vec] + [self.features[n](batch[n]) for n in FEATURES]
        x = self.dropout(torch.cat(parts, dim=2))
        packed = nn.utils.rnn.pack_padded_sequence(x, batch['lengths'], batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=L)
        return self.out(self.dropout(out))


def make_batch(items):
    L = max(len(i['words']) for i in items)
    C = max(len(c) for i in items for c in i['chars'])
    B = len(items)
    batch = {name: torch.zeros(B, L, dtype=torch.long) for name in ['words', 'tags'] + FEATURES}
    chars = torch.zeros(B, L, C, dtype=torch.long)
    for b, item in enumerate(items):
        n = len(item['words'])
        for name in ['words', 'tags'] + FEATURES:
            batch[name][b, :n] = torch.tensor(item[name])
        for t, cs in enumerate(item['chars']):
            chars[b, t, :len(cs)] = torch.tensor(cs)
    batch['chars'] = chars
    batch['lengths'] = torch.tensor([len(i['words']) for i in items])
    batch['mask'] = torch.arange(L).unsqueeze(0) < batch['lengths'].unsqueeze(1)
    return batch


def batches(items, size, shuffle, rng):
    order = sorted(range(len(items)), key=lambda i: len(items[i]['words']))
    groups = [order[i:i + size] for i in range(0, len(order), size)]
    if shuffle:
        rng.shuffle(groups)
    for group in groups:
        yield [items[i] for i in group]


def viterbi(emissions, transitions, allowed):
    """Best tag path for one sequence (numpy), as src/tagging/sequence-tagger.ts decodes it."""
    L, T = emissions.shape
    trans = np.where(allowed, transitions, -np.inf)
    score = trans[T] + emissions[0]
    back = np.zeros((L, T), dtype=np.int64)
    for t in range(1, L):
        cand = score[:, None] + trans[:T]
        back[t] = cand.argmax(0)
        score = cand.max(0) + emissions[t]
    path = [int(score.argmax())]
    for t in range(L - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def allowed_matrix(tags):
    T = len(tags)
    allowed = np.zeros((T + 1, T), dtype=bool)
    for p in range(T + 1):
        for n in range(T):
            if not tags[n].startswith('I-'):
                allowed[p, n] = True
            else:
                allowed[p, n] = p < T and tags[p] != 'O' and tags[p][2:] == tags[n][2:]
    return allowed


def spans(tags):
    found, index = set(), 0
    while index < len(tags):
        tag = tags[index]
        if tag == 'O':
            index += 1
            continue
        role, last = tag[2:], index
        while last + 1 < len(tags) and tags[last + 1] == 'I-' + role:
            last += 1
        found.add((role, index, last))
        index = last + 1
    return found


def evaluate(model, encoder, items):
    """Exact span F1 per role over BIO tags (before linking), in percent."""
    model.eval()
    allowed = allowed_matrix(encoder.tags)
    transitions = model.crf.transitions.detach().numpy()
    counts = {r: [0, 0, 0] for r in ('source', 'cue', 'content')}  # true positives, predicted, gold
    with torch.no_grad():
        for group in batches(items, 64, False, None):
            batch = make_batch(group)
            emissions = model.emissions(batch).numpy()
            for b, item in enumerate(group):
                n = len(item['words'])
                path = viterbi(emissions[b, :n], transitions, allowed)
                predicted = spans([encoder.tags[i] for i in path])
                gold = spans([encoder.tags[i] for i in item['tags']])
                for role in counts:
                    p = {s for s in predicted if s[0] == role}
                    g = {s for s in gold if s[0] == role}
                    counts[role][0] += len(p & g)
                    counts[role][1] += len(p)
                    counts[role][2] += len(g)
    figures = {}
    for role, (tp, predicted, gold) in counts.items():
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        figures[role] = round(100 * f1, 1)
    figures['mean'] = round(sum(figures[r] for r in counts) / 3, 2)
    return figures


def encode_array(tensor, half):
    array = tensor.detach().numpy().astype('<f2' if half else '<f4')
    return {'shape': list(array.shape), 'dtype': 'float16' if half else 'float32',
            'data': base64.b64encode(array.tobytes()).decode('ascii')}


def export(model, encoder, path, figures):
    lstm = model.lstm
    weights = {
        'words': encode_array(model.words.weight, True),
        'chars': encode_array(model.chars.weight, True),
        'charConvWeight': encode_array(model.char_cnn.weight, False),  # (filters, charDim, 3)
        'charConvBias': encode_array(model.char_cnn.bias, False),
        **{f'feature.{n}': encode_array(model.features[n].weight, False) for n in FEATURES},
        # PyTorch gate order i, f, g, o; the two biases summed.
        'forwardInput': encode_array(lstm.weight_ih_l0, False),  # (4H, inputSize)
        'forwardHidden': encode_array(lstm.weight_hh_l0, False),  # (4H, H)
        'forwardBias': encode_array(lstm.bias_ih_l0 + lstm.bias_hh_l0, False),
        'backwardInput': encode_array(lstm.weight_ih_l0_reverse, False),
        'backwardHidden': encode_array(lstm.weight_hh_l0_reverse, False),
        'backwardBias': encode_array(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse, False),
        'outputWeight': encode_array(model.out.weight, False),  # (tags, 2H)
        'outputBias': encode_array(model.out.bias, False),
        'transitions': encode_array(model.crf.transitions, False),  # (tags + 1, tags)
    }
    document = {
        'format': FORMAT,
        'about': {
            'task': 'attribution spans (PolNeAR roles source, cue, content), BIO tags per paragraph',
            'data': 'PolNeAR train split (first annotator per article), a tenth held out',
            'trainer': 'training/attribution_bilstm.py',
            'torch': torch.__version__,
            'seed': SEED,
            **figures,
        },
        'hyperparameters': HYPER,
        'features': FEATURES,
        'tags': encoder.tags,
        'vocabularies': encoder.vocab,
        'weights': weights,
    }
    with gzip.open(path, 'wt', encoding='utf8', compresslevel=9) as handle:
        json.dump(document, handle, separators=(',', ':'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data', default='scratch/attribution-sequences')
    parser.add_argument('--out', default='models/attribution-bilstm.json.gz')
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--max-epochs', type=int, default=HYPER['maxEpochs'])
    parser.add_argument('--hidden', type=int, default=HYPER['hidden'])
    parser.add_argument('--limit-seconds', type=float, default=math.inf,
                        help='stop starting epochs after this long (keeps the best so far)')
    args = parser.parse_args()
    HYPER['maxEpochs'] = args.max_epochs
    HYPER['hidden'] = args.hidden
    torch.set_num_threads(args.threads)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)

    train = read_jsonl(f'{args.data}/train.jsonl')
    dev = read_jsonl(f'{args.data}/dev.jsonl')
    documents = sorted({s['document'] for s in train})
    held_documents = set(documents[9::10])
    fit = [s for s in train if s['document'] not in held_documents]
    held = [s for s in train if s['document'] in held_documents]
    encoder = Encoder(fit)
    fit_items = [encoder.encode(s) for s in fit]
    held_items = [encoder.encode(s) for s in held]
    dev_items = [encoder.encode(s) for s in dev]
    log = lambda line: print(line, flush=True)
    log(f'fit {len(fit)} sequences ({len(documents) - len(held_documents)} articles), held out {len(held)} '
        f'({len(held_documents)} articles), dev {len(dev)}; words {len(encoder.vocab["words"])}, '
        f'chars {len(encoder.vocab["chars"])}')

    model = Tagger(encoder)
    optimizer = torch.optim.Adam(model.parameters(), lr=HYPER['learningRate'])
    rng = random.Random(SEED)
    best, best_state, best_epoch, waited = -1.0, None, 0, 0
    started = time.time()
    for epoch in range(1, HYPER['maxEpochs'] + 1):
        model.train()
        total, tokens, epoch_started = 0.0, 0, time.time()
        for group in batches(fit_items, HYPER['batch'], True, rng):
            batch = make_batch(group)
            emissions = model.emissions(batch)
            loss = model.crf.neg_log_likelihood(emissions, batch['tags'], batch['mask'])
            optimizer.zero_grad()
            (loss / len(group)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), HYPER['clip'])
            optimizer.step()
            total += loss.item()
            tokens += int(batch['lengths'].sum())
            if epoch == 1 and tokens // 100000 != (tokens - int(batch['lengths'].sum())) // 100000:
                log(f'  {tokens} tokens, {time.time() - epoch_started:.0f} s')
        figures = evaluate(model, encoder, held_items)
        log(f'epoch {epoch}: loss/token {total / tokens:.4f}, held-out exact F1 {figures}, '
            f'{time.time() - epoch_started:.0f} s')
        if figures['mean'] > best:
            best, best_epoch, waited = figures['mean'], epoch, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            waited += 1
            if waited >= HYPER['patience']:
                break
        if time.time() - started > args.limit_seconds:
            log('time limit reached')
            break
    model.load_state_dict(best_state)
    held_figures = evaluate(model, encoder, held_items)
    dev_figures = evaluate(model, encoder, dev_items)
    log(f'best epoch {best_epoch}: held-out {held_figures}; dev (tag spans, before linking) {dev_figures}')
    export(model, encoder, args.out, {
        'bestEpoch': best_epoch,
        'trainedSeconds': round(time.time() - started),
        'heldOutTagSpanExactF1': held_figures,
        'devTagSpanExactF1': dev_figures,
    })
    log(f'wrote {args.out}')


if __name__ == '__main__':
    sys.exit(main())
