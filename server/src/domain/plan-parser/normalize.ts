/**
 * The parser matches against a *view* of the text: the same length as the input, character for character,
 * with full-width ASCII folded to half-width, Chinese brackets and quotes unified, and traditional characters
 * common in policy texts mapped to simplified ones. Because every replacement is one UTF-16 unit for one,
 * an offset found in the view is the same offset in the original — source ranges stay exact without a map.
 */

// Traditional → simplified pairs, limited to characters met in policy texts (headings, units, metrics).
const TRADITIONAL =
  '億亿萬万達达業业產产規规區区發发實实現现項项個个兩两過过於于為为與与術术醫医藥药農农環环態态體体經经濟济質质費费標标準准條条專专' +
  '責责單单負负導导領领頭头會会務务員员計计劃划進进續续總总額额營营稅税網网際际數数據据關关門门設设構构機机聯联動动應应廠厂製制組组' +
  '織织財财廳厅辦办處处鎮镇縣县試试驗验檢检測测創创廣广東东華华園园灣湾學学協协調调內内來来後后當当從从將将對对並并點点類类種种擴扩' +
  '強强綠绿節节約约價价資资貿贸電电車车氣气爭争開开鏈链龍龙齊齐養养歲岁級级傳传統统優优勢势礎础戰战盤盘鄉乡屬属權权補补貼贴獎奖勵励' +
  '臺台麼么這这還还舉举産产衆众啓启運运輸输飼饲滿满讓让場场長长團团隊队轉转換换範范鐵铁鋼钢礦矿銷销較较觀观災灾險险雙双號号議议決决' +
  '綱纲報报佈布預预監监評评則则週周歷历壯壮藝艺輕轻載载備备蓋盖積积極极圍围繞绕築筑軟软顯显細细參参請请認认證证擔担廢废棄弃衛卫視视' +
  '腦脑邊边遠远異异稱称煉炼誌志軍军裝装紡纺訊讯審审懷怀書书畫画無无愛爱買买賣卖師师習习見见覺觉論论識识誤误讀读課课談谈詢询變变錄录' +
  '鏡镜鐘钟銀银錢钱鋪铺問问間间閱阅闊阔陽阳陰阴陣阵隨随雖虽雜杂難难靈灵頁页順顺須须頻频題题顏颜風风飛飞飯饭館馆馬马驅驱髮发鬥斗魚鱼' +
  '鳥鸟鹽盐麥麦黃黄齒齿齡龄儲储兒儿黨党冊册凈净凍冻劑剂勞劳厲厉嚴严圖图圓圆國国塊块壞坏壓压壽寿夠够夢梦奪夺奮奋婦妇孫孙寧宁寫写寶宝' +
  '尋寻層层屆届島岛崗岗嶺岭幣币幫帮幹干彈弹徑径徵征懸悬戶户擁拥擇择擊击擬拟擺摆攜携斷断時时晉晋曉晓暫暂樣样樹树橋桥歐欧歸归殘残殺杀' +
  '毀毁氫氢漢汉潔洁澤泽濱滨烏乌熱热爐炉爾尔牆墙牽牵狀状猶犹獨独獲获獻献畢毕療疗盡尽眾众矯矫碼码確确礙碍禮礼禍祸離离穩稳窮穷競竞筆笔' +
  '簡简籌筹簽签糧粮紀纪納纳純纯紙纸終终結结給给絡络絲丝綜综維维緊紧線线編编緣缘練练縮缩績绩繼继罰罚羅罗義义聲声聽听職职肅肃脈脉膠胶' +
  '臨临興兴艱艰蘇苏蟲虫衝冲裡里複复親亲覽览觸触訂订記记許许訪访詞词詳详語语說说諮咨講讲謀谋謝谢譜谱護护讚赞豐丰貝贝貢贡貨货販贩貸贷' +
  '賓宾賞赏賠赔賴赖購购贏赢趕赶趨趋躍跃軌轨輔辅輛辆遞递連连違违適适遲迟選选遺遗鄰邻釋释釘钉針针錯错鍵键鎖锁閉闭閒闲閣阁陸陆階阶隱隐' +
  '雲云靜静響响頂顶頒颁頓顿顧顾飲饮餘余驟骤鬧闹鮮鲜麗丽';

const SINGLE_MAP: Record<string, string> = {
  '\u3000': ' ',
  '\u00a0': ' ',
  '\ufeff': ' ',
  '\u200b': ' ',
  '【': '[',
  '】': ']',
  '「': '“',
  '」': '”',
  '『': '“',
  '』': '”',
  '‘': '“',
  '’': '”',
  '﹝': '〔',
  '﹞': '〕',
  '–': '—',
  '―': '—',
  '─': '—',
};

const FOLD = new Map<string, string>(Object.entries(SINGLE_MAP));
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) FOLD.set(TRADITIONAL[i]!, TRADITIONAL[i + 1]!);

// "發(fā)展": some repost sites annotate characters with their pinyin in brackets. The view blanks the
// annotation (same length), so names and figures read as if it were not there.
const PINYIN_NOTE = /(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,6}\)/g;

/** Returns the matching view of `text` (same length, same offsets). */
export function buildView(text: string): string {
  return foldChars(text).replace(PINYIN_NOTE, (m) => ' '.repeat(m.length));
}

function foldChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
    } else {
      out += FOLD.get(ch) ?? ch;
    }
  }
  return out;
}

/** Collapses line breaks and runs of spaces inside an extracted phrase (hard-wrapped text, indents). */
export function tidy(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, '').replace(/[ \t\u3000\u00a0]+/g, ' ').trim();
}

/** Like `tidy` but also drops every space: for names (units, metrics, sub-fields) where spaces are noise. */
export function compact(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}
