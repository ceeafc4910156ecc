import { expect } from '@open-wc/testing';
import { loadEmbeddings } from '../../src/explorers/table/load-asset.js';
import { solveExpression } from '../../src/explorers/analogy.js';
import { parseExpression } from '../../src/explorers/expression/parse.js';
import { ExpressionSyntaxError, UnknownWordError } from '../../src/explorers/errors.js';
import { fitPca } from '../../src/explorers/projection/pca.js';
import { projectPoint } from '../../src/explorers/projection/linear-map.js';
import { LatentExplorablesError } from '../../src/errors.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

// The explorer core in Chromium, on the shipped 50k-word GloVe asset.
describe('embedding explorer core in the browser', () => {
  it('loads the asset once per URL with byte progress', async () => {
    const seen: number[] = [];
    const table = await loadEmbeddings(undefined, ({ loaded }) => seen.push(loaded));
    expect(table.size).to.be.within(50_000, 50_100, '50 000 most frequent words plus the article\'s rarer examples');
    expect(table.dimensions).to.equal(100);
    expect(table.source.license).to.contain('PDDL');
    expect(await loadEmbeddings()).to.equal(table, 'shared per page');
    if (seen.length) expect(seen[seen.length - 1]).to.be.greaterThan(5_000_000);
  });

  it('solves the classic analogies with both methods', async () => {
    const table = await loadEmbeddings();
    for (const method of ['3cosadd', '3cosmul'] as const) {
      expect(solveExpression(table, 'king - man + woman', { method }).answers[0]!.label).to.equal('queen');
      expect(solveExpression(table, 'paris - france + italy', { method }).answers[0]!.label).to.equal('rome');
    }
  });

  it('PCA of the analogy words keeps the arithmetic exact', async () => {
    const table = await loadEmbeddings();
    const words = ['king', 'man', 'woman', 'queen'].map((w) => table.indexOf(w));
    const pca = fitPca(table.subset(words).units, 100);
    const [k, m, w] = words.slice(0, 3).map((row) => projectPoint(pca, table.unit(row)));
    const sum = solveExpression(table, 'king - man + woman').vector;
    const [x, y] = projectPoint(pca, sum);
    expect(x).to.be.closeTo(k![0] - m![0] + w![0], 1e-4);
    expect(y).to.be.closeTo(k![1] - m![1] + w![1], 1e-4);
  });

  it('hostile expressions end in typed errors with positions, never a crash', async () => {
    const table = await loadEmbeddings();
    const hostile = ['('.repeat(5000), '-'.repeat(1999) + 'a', 'king + '.repeat(10_000), '👑 - man', 'king - "man', 'mean(mean(mean(', 'ko\u0301nig + man'];
    for (const source of hostile) {
      let caught: unknown;
      try {
        solveExpression(table, source);
      } catch (error) {
        caught = error;
      }
      expect(caught, source.slice(0, 20)).to.be.instanceOf(LatentExplorablesError);
    }
    const syntax = thrown(() => parseExpression('king + (man'));
    expect(syntax).to.be.instanceOf(ExpressionSyntaxError);
    expect((syntax as ExpressionSyntaxError).span.start).to.equal(11);
    const unknown = thrown(() => solveExpression(table, 'king - womann'));
    expect(unknown).to.be.instanceOf(UnknownWordError);
    expect((unknown as UnknownWordError).suggestions).to.include('woman');
  });
});
