"""Expected outputs of the tiny fixed network in src/attribution/neural/bilstm-tagger.test.ts.

Run from the repository root: /usr/bin/python3 training/attribution_bilstm_fixture.py
Prints the emissions (paste into EXPECTED_EMISSIONS) and the Viterbi path, computed by the
training code's own Tagger.emissions and viterbi with every weight 0.5 * sin(0.7 * k + seed).
"""
import sys, math, json
sys.path.insert(0, 'training')
import attribution_bilstm as m
import torch, numpy as np
m.HYPER.update({'wordDim': 3, 'charDim': 2, 'charFilters': 2, 'charMaxLength': 4, 'featureDim': 2,
                'smallFeatureDim': 1, 'hidden': 2, 'dropout': 0.0, 'wordDropout': 0.0})
class E(m.Encoder):
    def __init__(self):
        self.vocab = {
          'words': ['<pad>','<unk>','he','said'],
          'chars': ['<pad>','<unk>','a','d','e','h','i','s'],
          'shapes': ['<pad>','<unk>','x','Xx','.'],
          'cues': ['<pad>','<unk>','','say'],
          'partsOfSpeech': ['<pad>','<unk>','PRON','VERB','PUNCT'],
          'quotes': ['<pad>','<unk>','out','in'],
          'sentencePlaces': ['<pad>','<unk>','B','I','E'],
        }
        self.index = {n: {v: i for i, v in enumerate(vs)} for n, vs in self.vocab.items()}
        self.tags = ['O'] + [f'{p}-{r}' for r in ('source', 'cue', 'content') for p in ('B', 'I')]
        self.tag_index = {t: i for i, t in enumerate(self.tags)}
enc = E()
model = m.Tagger(enc)
names = ['words','chars','charConvWeight','charConvBias'] + [f'feature.{n}' for n in m.FEATURES] + \
  ['forwardInput','forwardHidden','forwardBias','backwardInput','backwardHidden','backwardBias','outputWeight','outputBias','transitions']
def values(shape, seed, embedding):
    n = int(np.prod(shape))
    v = np.array([0.5 * math.sin(0.7 * k + seed) for k in range(n)], dtype=np.float32).reshape(shape)
    if embedding: v[0] = 0
    return torch.tensor(v)
lstm = model.lstm
with torch.no_grad():
    H = 2
    model.words.weight.copy_(values(model.words.weight.shape, 1, True))
    model.chars.weight.copy_(values(model.chars.weight.shape, 2, True))
    model.char_cnn.weight.copy_(values(model.char_cnn.weight.shape, 3, False))
    model.char_cnn.bias.copy_(values(model.char_cnn.bias.shape, 4, False))
    for i, n in enumerate(m.FEATURES):
        model.features[n].weight.copy_(values(model.features[n].weight.shape, 5 + i, True))
    lstm.weight_ih_l0.copy_(values(lstm.weight_ih_l0.shape, 10, False))
    lstm.weight_hh_l0.copy_(values(lstm.weight_hh_l0.shape, 11, False))
    lstm.bias_ih_l0.copy_(values(lstm.bias_ih_l0.shape, 12, False)); lstm.bias_hh_l0.zero_()
    lstm.weight_ih_l0_reverse.copy_(values(lstm.weight_ih_l0_reverse.shape, 13, False))
    lstm.weight_hh_l0_reverse.copy_(values(lstm.weight_hh_l0_reverse.shape, 14, False))
    lstm.bias_ih_l0_reverse.copy_(values(lstm.bias_ih_l0_reverse.shape, 15, False)); lstm.bias_hh_l0_reverse.zero_()
    model.out.weight.copy_(values(model.out.weight.shape, 16, False))
    model.out.bias.copy_(values(model.out.bias.shape, 17, False))
    model.crf.transitions.copy_(values(model.crf.transitions.shape, 18, False))
seq = {'raw': ['He','said','Hezbollah','.'], 'words': ['he','said','hezbollah','.'],
       'shapes': ['Xx','x','Xx','.'], 'cues': ['','say','',''], 'partsOfSpeech': ['PRON','VERB','PROPN','PUNCT'],
       'quotes': ['out','out','in','out'], 'sentencePlaces': ['B','I','I','E'], 'tags': ['O']*4}
model.eval()
with torch.no_grad():
    em = model.emissions(m.make_batch([enc.encode(seq)]))[0].numpy()
path = m.viterbi(em, model.crf.transitions.detach().numpy(), m.allowed_matrix(enc.tags))
print('shapes', {n: list(p.shape) for n, p in model.named_parameters()})
print(json.dumps([round(float(x), 6) for x in em.flatten()]))
print([enc.tags[i] for i in path])
