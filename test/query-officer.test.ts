/**
 * Questions as officers ask them: explicit references (by the law's name or
 * number), abbreviations, quotes, definition questions, a question's own
 * citation boilerplate and quiz wording — the pieces on their own, then real
 * searches over law files laid out as a user's folder holds them (four ALQAC
 * 2024 laws, one with a real header carrying its number, and the real Decree
 * 30/2020/NĐ-CP), read from the shared data at run time.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../indexer/vietnamese/query.js';
import { understandQuestion, withoutQuestionWording } from '../indexer/search/question.js';
import { citationBoilerplate, withoutCitationBoilerplate } from '../indexer/search/citation-words.js';
import { definedTerms, definitionAsk, definitionBonus, DEFINITION_WEIGHT } from '../indexer/search/definitions.js';
import { documentNumbers, queryReferences, titleMatch } from '../indexer/search/references-in-query.js';
import { passageHeading, queryShape } from '../indexer/search/rerank.js';
import { requiredWords } from '../indexer/search/first-stage.js';
import { SHARED_DATA, tempDir } from './helpers.js';

const split = (q: string) => q.split(/\s+/u);
const marked = (q: string) => split(q).filter((_, i) => citationBoilerplate(split(q))[i]).join(' ');

describe('reading an officer question', () => {
  it('reads references by the law number, and matches titles that hold a number', () => {
    expect(queryReferences('Điều 5 Luật số 24/2018/QH14 quy định gì?')[0]).toMatchObject({ article: '5', documentNumber: '242018qh14' });
    expect(queryReferences('khoản 2 Điều 3 Nghị định 30/2020/NĐ-CP')[0]).toMatchObject({ article: '3', clause: '2', documentNumber: '302020ndcp' });
    expect(queryReferences('dieu 8 nghi dinh 30/2020/nd-cp')[0]).toMatchObject({ article: '8', documentNumber: '302020ndcp' });
    expect(queryReferences('Điều 7 24/2018/QH14')[0]).toMatchObject({ article: '7', documentNumber: '242018qh14' });
    expect(queryReferences('Điều 5 Luật An ninh mạng')[0]).toMatchObject({ documentNumber: null });
    // A law's title with its number is still named by its name alone.
    expect(titleMatch('Luật An ninh mạng số 24/2018/QH14', ['luat', 'an', 'ninh', 'mang'])).toBeGreaterThan(0);
    expect([...documentNumbers({ title: 'Nghị định số 30/2020/NĐ-CP Về công tác văn thư', metadata: '{"number":"30/2020/NĐ-CP"}' })]).toEqual(['302020ndcp']);
    expect([...documentNumbers({ title: 'Luật Viên chức', metadata: 'null' })]).toEqual([]);
  });

  it('leaves out the date, year and issuer of a cited document, and keeps its name and number', () => {
    expect(marked('Theo Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2018 của Quốc hội, không gian mạng là gì?')).toBe('ngày 12/6/2018 của Quốc hội,');
    expect(marked('Theo hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013, mọi người có quyền gì?')).toBe('nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013,');
    expect(marked('Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư')).toBe('ngày 05 tháng 3 năm 2020 của Chính phủ');
    expect(marked('Quyết định 1234/QĐ-UBND của UBND tỉnh Thanh Hóa về hỗ trợ')).toBe('của UBND tỉnh Thanh Hóa');
    expect(marked('Luật An ninh mạng năm 2018 có hiệu lực từ ngày nào?')).toBe('năm 2018');
    // Content, not citation: a date in the question, a kind of document named by no name, number or year.
    expect(marked('Sổ hộ khẩu hết giá trị sử dụng kể từ ngày 01/01/2023, đúng hay sai?')).toBe('');
    expect(marked('Điều nào không đúng về luật, pháp lệnh, hay nghị quyết của quốc hội?')).toBe('');
    expect(withoutCitationBoilerplate(split('Theo Luật X năm 2018, an ninh mạng là gì?')).join(' ')).toBe('Theo Luật X, an ninh mạng là gì?');
    // The re-rank counts no digits of a document number as words in order.
    expect(queryShape('Điều 5 Luật số 24/2018/QH14 quy định gì').words).toEqual(['dieu', '5', 'luat', 'so', 'quy', 'dinh', 'gi']);
  });

  it('does not require a short question\'s own question words of the passages that answer it', () => {
    const required = (q: string) => requiredWords(parseQuery(q)).map((w) => w.exact);
    expect(required('khởi nghiệp là gì')).toEqual(['khởi', 'nghiệp']);
    expect(required('khoi nghiep la gi?')).toEqual(['khoi', 'nghiep']);
    expect(required('thời hiệu khởi kiện như thế nào?')).toEqual(['thời', 'hiệu', 'khởi', 'kiện']);
    // Query syntax (filters, short keyword queries) keeps every word; a question of question words alone keeps them.
    expect(required('là gì')).toEqual(['là', 'gì']);
    expect(required('khởi nghiệp loai:quyet-dinh')).toEqual(['khởi', 'nghiệp']);
    expect(required('có thẩm quyền')).toEqual(['có', 'thẩm', 'quyền']);
  });

  it('leaves out quiz wording, and only in a question', () => {
    expect(withoutQuestionWording(split('Điều nào sau đây KHÔNG đúng về quyền của bên nhận cầm cố?')).join(' ')).toBe('Điều nào KHÔNG đúng về quyền của bên nhận cầm cố?');
    expect(withoutQuestionWording(split('Hội Sinh viên là tổ chức thanh niên, đúng hay sai?')).join(' ')).toBe('Hội Sinh viên là tổ chức thanh niên,');
    expect(withoutQuestionWording(split('Thời hiệu không được bắt đầu lại trong trường hợp sau đây?')).join(' ')).toBe('Thời hiệu không được bắt đầu lại trong trường hợp?');
    expect(withoutQuestionWording(split('các hành vi sau đây bị nghiêm cấm')).join(' ')).toBe('các hành vi sau đây bị nghiêm cấm');
    expect(understandQuestion(parseQuery('Theo Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2018 của Quốc hội, điều nào sau đây bị cấm?')).text)
      .toBe('Theo Luật An ninh mạng số 24/2018/QH14, điều nào bị cấm?');
    // Short query syntax is left as typed.
    expect(understandQuestion(parseQuery('24/2018/QH14 năm 2018')).text).toBe('24/2018/QH14 năm 2018');
  });

  it('reads definition questions and the clauses that define a term', () => {
    expect(definitionAsk('Chất hướng thần được định nghĩa là gì?')).toMatchObject({ subject: null });
    expect(definitionAsk('Theo Luật An ninh mạng, an ninh mạng là gì?')).toMatchObject({ subject: ['an', 'ninh', 'mang'] });
    expect(definitionAsk('Thế nào là đơn vị sự nghiệp công lập?')).toMatchObject({ subject: ['don', 'vi', 'su', 'nghiep', 'cong', 'lap'] });
    expect(definitionAsk('BHXH bảo hiểm xã hội là gì?')).toMatchObject({ subject: ['bao', 'hiem', 'xa', 'hoi'] });
    expect(definitionAsk('Thời hiệu khởi kiện là bao lâu?')).toBeNull();
    const clauses = 'Điều 2. Giải thích từ ngữ\nTrong Luật này, các từ ngữ dưới đây được hiểu như sau:\n1. Thông tin là tin, dữ liệu\n2. Thông tin do cơ quan nhà nước tạo ra là tin\n4. Tiếp cận thông tin là việc đọc';
    expect(definedTerms(clauses)).toEqual([['thong', 'tin'], ['thong', 'tin', 'do', 'co', 'quan', 'nha', 'nuoc', 'tao', 'ra'], ['tiep', 'can', 'thong', 'tin']]);
    expect(definitionBonus(definitionAsk('Định nghĩa về tiếp cận thông tin như thế nào?'), clauses)).toBeGreaterThanOrEqual(DEFINITION_WEIGHT);
    // The longer term the question asks about wins over a shorter one inside it.
    const ask = definitionAsk('Thông tin do cơ quan nhà nước tạo ra được hiểu như thế nào?');
    expect(definitionBonus(ask, clauses)).toBeGreaterThan(definitionBonus(ask, '1. Thông tin là tin, dữ liệu'));
    // "Mục tiêu của X là gì?" asks the goals of X, not what X is.
    expect(definitionBonus(definitionAsk('Mục tiêu của giáo dục nghề nghiệp là gì?'), '1. Giáo dục nghề nghiệp là bậc học')).toBe(0);
    expect(definitionBonus(null, clauses)).toBe(0);
  });

  it('takes an unnamed article’s first sentence for its heading', () => {
    expect(passageHeading('Điều 83. 1. Quốc hội họp công khai. Trong trường hợp cần thiết…', 'Điều 83')).toBe('Quốc hội họp công khai');
    expect(passageHeading('Điều 5. Biện pháp bảo vệ an ninh mạng\n1. …', 'Điều 5 › khoản 1')).toBe('Biện pháp bảo vệ an ninh mạng');
  });
});

describe('officer-style questions over law files', () => {
  const work = tempDir('officer');
  let library: import('../indexer/library/library.js').Library;
  const first = async (query: string) => {
    const hit = (await library.search({ query, limit: 3 })).hits[0];
    return hit && `${hit.title} › ${hit.section}`;
  };
  beforeAll(async () => {
    const laws = JSON.parse(readFileSync(path.join(SHARED_DATA, 'alqac2024', 'law.json'), 'utf8')) as Array<{ id: string; articles: Array<{ id: string; text: string }> }>;
    const folder = path.join(work.dir, 'laws');
    mkdirSync(folder);
    // The header a real law opens with: its number is read into the document's metadata and title.
    const header: Record<string, string> = {
      'Luật An ninh mạng': 'QUỐC HỘI\nLuật số: 24/2018/QH14\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 12 tháng 6 năm 2018\n\nLUẬT\nAN NINH MẠNG\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật An ninh mạng.\n',
    };
    for (const law of laws.filter((l) => ['Luật An ninh mạng', 'Luật Tố tụng hành chính', 'Luật Viên chức', 'Luật Cư trú'].includes(l.id))) {
      writeFileSync(path.join(folder, `${law.id}.txt`), `${header[law.id] ?? law.id}\n\n${law.articles.map((a) => `Điều ${a.id}. ${a.text.trim()}`).join('\n\n')}\n`);
    }
    copyFileSync(path.join(SHARED_DATA, 'nd30-2020', '30_2020_ND_CP.docx'), path.join(folder, '30_2020_ND_CP.docx'));
    const { Library } = await import('../indexer/library/library.js');
    library = await Library.open({ dataDir: path.join(work.dir, 'data'), embedInWorker: false });
    await library.index({ paths: [folder] });
  });
  afterAll(async () => {
    await library?.close();
    work.cleanup();
  });

  it('puts the article a question names first, by the law’s name or number', async () => {
    expect(await first('khoản 3 Điều 2 Luật An ninh mạng')).toMatch(/^Luật An ninh mạng\b.* › Điều 2 › khoản 1–4$/);
    // Articles citing Điều 143 hold the same words; the one named comes first.
    expect(await first('Theo Điều 143 Luật Tố tụng hành chính, Tòa án đình chỉ giải quyết vụ án trong trường hợp nào?')).toMatch(/^Luật Tố tụng hành chính › Điều 143\b/);
    expect(await first('dieu 45 luat vien chuc')).toBe('Luật Viên chức › Điều 45');
    expect(await first('Điều 20 của Luật Cư trú quy định gì?')).toMatch(/^Luật Cư trú › Điều 20\b/);
    expect(await first('Điều 5 Luật số 24/2018/QH14')).toMatch(/^Luật An ninh mạng\b.* › Điều 5 › khoản 1$/);
    expect(await first('khoản 2 Điều 3 Nghị định 30/2020/NĐ-CP')).toMatch(/^Nghị định số 30\/2020\/NĐ-CP\b.* › Điều 3 › khoản 1–6$/);
    expect(await first('dieu 8 nghi dinh 30/2020/nd-cp')).toMatch(/^Nghị định số 30\/2020\/NĐ-CP\b.* › Điều 8$/);
    // No such article: the question is still answered by its words.
    expect(await first('Điều 9999 Luật Viên chức')).toMatch(/^Luật Viên chức › /);
  });

  it('understands abbreviations, quotes and citation boilerplate in a question', async () => {
    expect(await first('UBND cấp xã có trách nhiệm gì trong quản lý cư trú')).toBe(await first('Ủy ban nhân dân cấp xã có trách nhiệm gì trong quản lý cư trú'));
    expect(await first('ubnd cap xa co trach nhiem gi trong quan ly cu tru')).toBe(await first('uy ban nhan dan cap xa co trach nhiem gi trong quan ly cu tru'));
    // A quoted term in a question is no required phrase: the definition is found.
    expect(await first('“An ninh mạng” là gì?')).toMatch(/^Luật An ninh mạng\b.* › Điều 2\b/);
    const quoted = await library.search({ query: 'Định nghĩa của "người làm việc trong cơ quan nhà nước" theo Luật Viên chức?', limit: 3 });
    expect(quoted.hits.length).toBeGreaterThan(0);
    // The law's own number, date and issuer do not pull up the article on its passing and effect.
    expect(await first('Theo Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2018 của Quốc hội, không gian mạng là gì?')).toMatch(/^Luật An ninh mạng\b.* › Điều 2 › khoản 1–4$/);
  });

  it('answers definition questions with the clause that defines the term', async () => {
    expect(await first('Viên chức là gì?')).toBe('Luật Viên chức › Điều 2');
    expect(await first('Thế nào là đơn vị sự nghiệp công lập?')).toMatch(/^Luật Viên chức › Điều 9\b/);
    expect(await first('Không gian mạng được hiểu như thế nào?')).toMatch(/^Luật An ninh mạng\b.* › Điều 2 › khoản 1–4$/);
    expect(await first('Văn bản hành chính là gì?')).toMatch(/^Nghị định số 30\/2020\/NĐ-CP\b.* › Điều 3\b/);
    expect(await first('cu tru la gi')).toMatch(/^Luật Cư trú › Điều 2\b/);
  });
});
